package slash.djl;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import slash.core.config.MethodConfig;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderConfig;

/** Builds a method's DJL adaptation from its config. */
public final class DjlMethods {
  private DjlMethods() {}

  public static Adaptation create(MethodConfig method, EncoderConfig encoder, NDManager manager) {
    method.validate(encoder.hidden(), encoder.intermediate());
    return switch (method.method()) {
      case SLASH -> new Slash(encoder, method, manager);
      case JR_WARP -> new JrWarp(encoder, method, manager);
      case LINEAR -> new FrozenEncoder();
      default -> throw new UnsupportedOperationException("method '" + method.method().id()
          + "' is not available on the djl engine in this build");
    };
  }

  /** The encoder as it is: only the head trains (the linear-probe baseline, and frozen timing). */
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
