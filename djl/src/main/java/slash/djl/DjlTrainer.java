package slash.djl;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.data.TaskData;
import slash.core.model.EncoderWeights;
import slash.core.text.TextEncoder;
import slash.core.train.RunResult;
import slash.core.train.Runs;
import slash.core.train.Trainer;

/** Builds a run's model on DJL's PyTorch engine and hands it to the shared {@link Trainer}. */
public final class DjlTrainer {
  private final RunConfig config;
  private final Path runDir;
  private final Path cacheDir;
  private boolean quiet;
  private int stopAfterEpochs = -1;

  public DjlTrainer(RunConfig config, Path runDir, Path cacheDir) {
    this.config = config.validate();
    this.runDir = runDir;
    this.cacheDir = cacheDir;
  }

  public DjlTrainer quiet() {
    this.quiet = true;
    return this;
  }

  /** Tests: die after this many epochs, as a killed process would, to exercise resuming. */
  DjlTrainer interruptAfter(int epochs) {
    this.stopAfterEpochs = epochs;
    return this;
  }

  public RunResult run() {
    return Runs.train(config, runDir, cacheDir, weights -> DjlSession.open(config, weights),
        trainer());
  }

  /** The model of this config around already-loaded weights. */
  public TaskModel build(EncoderWeights weights, NDManager root) {
    return TaskModel.build(config, weights, root);
  }

  RunResult train(TaskModel model, TextEncoder text, TaskData data, NDManager root) {
    try (DjlSession session = new DjlSession(config, model, root)) {
      return trainer().train(session, text, data);
    }
  }

  /** Scores {@code examples} with the task's metrics (unfused forward). */
  public Map<String, Double> evaluate(TaskModel model, TextEncoder text, List<?> examples) {
    try (NDManager scope = model.encoder().manager().newSubManager();
        DjlSession session = new DjlSession(config, model, scope)) {
      return trainer().evaluate(session, text, examples);
    }
  }

  private Trainer trainer() {
    return new Trainer(config, runDir).quiet(quiet).stopAfterEpochs(stopAfterEpochs);
  }
}
