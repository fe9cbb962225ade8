package slash.repro.exec;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import slash.core.config.RunConfig;
import slash.core.train.ConsoleProgress;
import slash.core.train.RunResult;
import slash.core.train.Runs;
import slash.core.train.TrainingDevice;
import slash.repro.tables.PlannedRun;

/**
 * Trains one planned run wherever an executor calls it: in its own folder under {@code work}
 * (where a killed run resumes from its last epoch), stamped with the driver's commit. Serializable,
 * so that a cluster executor ships it to its workers as it is; every path in it must be one the
 * worker sees (a shared filesystem, or the worker's own disk for {@code work} and {@code cache}).
 *
 * @param work the run folders' parent
 * @param cache the model and native-library cache
 * @param commit the code that trains, recorded in every result
 * @param quiet no per-step progress (the smoke scale's hundreds of tiny runs)
 * @param engines the engine session for a config on a device
 */
public record RunTrainer(String work, String cache, String commit, boolean quiet,
    Engines engines) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A session factory for a config on a device; {@code Sessions::factory} in real runs. */
  @FunctionalInterface
  public interface Engines extends Serializable {
    Runs.SessionFactory open(RunConfig config, TrainingDevice device);
  }

  /** The run's result; a run that fails for any reason of its own is a failed result. */
  public RunResult train(PlannedRun run, TrainingDevice device) {
    RunResult result;
    try {
      result = Runs.train(run.config(), Path.of(work).resolve(run.key()), Path.of(cache),
          engines.open(run.config(), device),
          quiet ? List.of() : List.of(new ConsoleProgress()));
    } catch (RuntimeException e) {
      result = RunResult.failed(run.config(), e);
    }
    return result.withCommit(commit);
  }
}
