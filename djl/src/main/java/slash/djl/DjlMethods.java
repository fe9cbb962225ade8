package slash.djl;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import slash.core.config.MethodConfig;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderConfig;

/** Builds a method's DJL adaptation from its config. */
public final class DjlMethods {
  private DjlMethods() {}

  public static Adaptation create(MethodConfig method, EncoderConfig encoder, NDManager manager) {
    return create(method, encoder, 0L, manager);
  }

  /** {@code seed} draws the initial values of methods that start from random tensors. */
  public static Adaptation create(MethodConfig method, EncoderConfig encoder, long seed,
      NDManager manager) {
    method.validate(encoder.hidden(), encoder.intermediate());
    return switch (method.method()) {
      case SLASH -> new Slash(encoder, method, manager);
      case JR_WARP -> new JrWarp(encoder, method, manager);
      // Full finetuning and BitFit add no tensors: TaskModel trains encoder weights in place.
      case LINEAR, FULL, BITFIT -> new FrozenEncoder();
      default -> provided(method, encoder, seed, manager);
    };
  }

  private static Adaptation provided(MethodConfig method, EncoderConfig encoder, long seed,
      NDManager manager) {
    for (DjlMethodProvider provider : ServiceLoader.load(DjlMethodProvider.class)) {
      if (provider.methods().contains(method.method())) {
        return provider.create(method, encoder, seed, manager);
      }
    }
    throw new UnsupportedOperationException("method '" + method.method().id()
        + "' is not available on the djl engine: put slash-baselines on the class path");
  }

  /** No new tensors, no hooks: the linear probe, and the base of full finetuning and BitFit. */
  static final class FrozenEncoder implements Adaptation {
    @Override
    public List<Trainable> trainables() {
      return List.of();
    }

    @Override
    public Map<String, FloatTensor> state() {
      return Map.of();
    }

    @Override
    public void load(Map<String, FloatTensor> state) {}

    @Override
    public DjlEncoder fuse(DjlEncoder encoder, NDManager scope) {
      return encoder;
    }
  }
}
