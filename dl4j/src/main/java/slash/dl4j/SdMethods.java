package slash.dl4j;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import slash.core.config.MethodConfig;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderWeights;

/** Method config to SameDiff adaptation. */
public final class SdMethods {
  private SdMethods() {}

  /** {@code seed} draws the initial values of methods that start from random tensors. */
  public static SdAdaptation create(MethodConfig method, EncoderConfig encoder, long seed) {
    method.validate(encoder.hidden(), encoder.intermediate());
    return switch (method.method()) {
      case SLASH -> new SdSlash(encoder, method);
      case JR_WARP -> new SdJrWarp(encoder, method);
      // Full finetuning and BitFit add no tensors: SdTaskModel makes encoder weights variables.
      case LINEAR, FULL, BITFIT -> new Unchanged();
      default -> provided(method, encoder, seed);
    };
  }

  /** No new tensors, no hooks: the linear probe, and the base of full finetuning and BitFit. */
  private static final class Unchanged implements SdAdaptation {
    @Override
    public List<String> trainableNames() {
      return List.of();
    }

    @Override
    public EncoderWeights fuse(EncoderWeights weights, Map<String, FloatTensor> state) {
      return weights;
    }
  }

  private static SdAdaptation provided(MethodConfig method, EncoderConfig encoder, long seed) {
    for (SdMethodProvider provider : ServiceLoader.load(SdMethodProvider.class)) {
      if (provider.methods().contains(method.method())) {
        return provider.create(method, encoder, seed);
      }
    }
    throw new UnsupportedOperationException("method '" + method.method().id()
        + "' is not available on the dl4j engine: put slash-baselines on the class path");
  }
}
