package slash.dl4j;

import java.nio.file.Path;
import slash.core.config.RunConfig;
import slash.core.train.RunResult;
import slash.core.train.Runs;
import slash.core.train.Trainer;

/** Builds a run's model as a SameDiff graph and hands it to the shared {@link Trainer}. */
public final class Dl4jTrainer {
  private final RunConfig config;
  private final Path runDir;
  private final Path cacheDir;
  private boolean quiet;

  public Dl4jTrainer(RunConfig config, Path runDir, Path cacheDir) {
    this.config = config.validate();
    this.runDir = runDir;
    this.cacheDir = cacheDir;
  }

  public Dl4jTrainer quiet() {
    this.quiet = true;
    return this;
  }

  public RunResult run() {
    return Runs.train(config, runDir, cacheDir, weights -> Dl4jSession.open(config, weights),
        new Trainer(config, runDir).quiet(quiet));
  }
}
