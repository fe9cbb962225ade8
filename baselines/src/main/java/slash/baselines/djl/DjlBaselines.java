package slash.baselines.djl;

import ai.djl.ndarray.NDManager;
import java.util.Set;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.djl.Adaptation;
import slash.djl.DjlMethodProvider;

/** The baselines that add tensors (LoRA, Adapter, WARP) for the DJL engine. */
public final class DjlBaselines implements DjlMethodProvider {
  @Override
  public Set<Method> methods() {
    return Set.of(Method.LORA, Method.ADAPTER, Method.WARP);
  }

  @Override
  public Adaptation create(MethodConfig method, EncoderConfig encoder, long seed,
      NDManager manager) {
    MethodConfig filled = method.withDefaults();
    return switch (method.method()) {
      case LORA -> new Lora(filled, encoder, seed, manager);
      case ADAPTER -> new Adapter(filled, encoder, seed, manager);
      case WARP -> new Warp(filled, encoder, seed, manager);
      default -> throw new IllegalArgumentException("not a DJL baseline: " + method.method());
    };
  }
}
