package slash.methods;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import slash.core.config.RunConfig;
import slash.core.model.EncoderWeights;
import slash.core.train.EpochResult;
import slash.core.train.RunResult;
import slash.core.train.Runs;
import slash.core.train.TrainingListener;
import slash.djl.DjlTaskModel;
import slash.dl4j.SdTaskModel;

/** Models and runs of a config's method on either engine, through the registry. */
public final class Models {
  public static final Path CACHE = Path.of("target", "test-cache");

  private Models() {}

  public static DjlTaskModel djl(RunConfig config, EncoderWeights weights, NDManager root) {
    return new DjlTaskModel(config, weights, Sessions.djlMethod(config, weights), root);
  }

  public static SdTaskModel sd(RunConfig config, EncoderWeights weights) {
    return new SdTaskModel(config, weights, Sessions.dl4jMethod(config, weights));
  }

  /** A whole run, quietly, on the engine the config names. */
  public static RunResult train(RunConfig config, Path runDir, TrainingListener... listeners) {
    return Runs.train(config, runDir, CACHE, Sessions.factory(config), List.of(listeners));
  }

  /** Dies after {@code epochs} epochs, as a killed process would: for resuming tests. */
  public static TrainingListener interruptAfter(int epochs) {
    return new TrainingListener() {
      @Override
      public void onEpochEnd(RunConfig config, EpochResult result) {
        if (result.epoch() == epochs) {
          throw new IllegalStateException("interrupted after epoch " + epochs);
        }
      }
    };
  }
}
