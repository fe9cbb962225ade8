package slash.repro.exec;

import java.util.List;
import java.util.function.BiConsumer;
import slash.core.train.RunResult;
import slash.core.train.TrainingDevice;
import slash.repro.tables.PlannedRun;

/** The default executor: each run in this process, one after another, on the engine's device. */
public final class LocalRunExecutor implements RunExecutor {
  @Override
  public String describe() {
    return "local";
  }

  @Override
  public void execute(List<PlannedRun> runs, RunTrainer trainer,
      BiConsumer<PlannedRun, RunResult> finished) {
    for (PlannedRun run : runs) {
      finished.accept(run, trainer.train(run, TrainingDevice.ENGINE_DEFAULT));
    }
  }
}
