package slash.repro;

import slash.core.config.RunConfig;
import slash.core.model.EncoderWeights;
import slash.core.train.TrainingSession;
import slash.djl.DjlSession;
import slash.dl4j.Dl4jSession;

/** The engine a config names, as a training session around loaded weights. */
final class Engines {
  private Engines() {}

  static TrainingSession open(RunConfig config, EncoderWeights weights) {
    return switch (config.engine()) {
      case DJL -> DjlSession.open(config, weights);
      case DL4J -> Dl4jSession.open(config, weights);
    };
  }
}
