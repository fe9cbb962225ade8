package slash.methods;

import slash.core.config.RunConfig;
import slash.core.model.EncoderWeights;
import slash.core.train.Runs;
import slash.core.train.TrainingDevice;
import slash.core.train.TrainingSession;
import slash.djl.DjlAdaptation;
import slash.djl.DjlSession;
import slash.dl4j.SdAdaptation;
import slash.dl4j.SdSession;

/** The engine a config names, as a training session of its method around loaded weights. */
public final class Sessions {
  private Sessions() {}

  public static TrainingSession open(RunConfig config, EncoderWeights weights) {
    return open(config, weights, TrainingDevice.ENGINE_DEFAULT);
  }

  /** {@link #open} on {@code device}: a GPU a scheduler gave the run, or the CPU. */
  public static TrainingSession open(RunConfig config, EncoderWeights weights,
      TrainingDevice device) {
    return switch (config.engine()) {
      case DJL -> DjlSession.open(config, weights, djlMethod(config, weights), device);
      case DL4J -> SdSession.open(config, weights, dl4jMethod(config, weights), device);
    };
  }

  public static DjlSession djl(RunConfig config, EncoderWeights weights) {
    return DjlSession.open(config, weights, djlMethod(config, weights));
  }

  public static SdSession dl4j(RunConfig config, EncoderWeights weights) {
    return SdSession.open(config, weights, dl4jMethod(config, weights));
  }

  /** The config's method on DJL, created in a scope the engine chooses. */
  public static DjlAdaptation.Factory djlMethod(RunConfig config, EncoderWeights weights) {
    MethodEntry<?> method = MethodRegistry.of(config.method());
    return manager -> method.djl(config.method(), weights.config(), config.seed(), manager);
  }

  /** The config's method on SameDiff. */
  public static SdAdaptation dl4jMethod(RunConfig config, EncoderWeights weights) {
    return MethodRegistry.of(config.method()).dl4j(config.method(), weights.config(),
        config.seed());
  }

  /** {@link #open} for {@link Runs#train}. */
  public static Runs.SessionFactory factory(RunConfig config) {
    return factory(config, TrainingDevice.ENGINE_DEFAULT);
  }

  /** {@link #open} on {@code device} for {@link Runs#train}. */
  public static Runs.SessionFactory factory(RunConfig config, TrainingDevice device) {
    return weights -> open(config, weights, device);
  }
}
