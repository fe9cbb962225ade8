package slash.baselines.dl4j;

import java.util.Set;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.dl4j.SdAdaptation;
import slash.dl4j.SdMethodProvider;

/** The baselines that add tensors (LoRA, Adapter, WARP) for the DL4J/SameDiff engine. */
public final class SdBaselines implements SdMethodProvider {
  @Override
  public Set<Method> methods() {
    return Set.of(Method.LORA, Method.ADAPTER, Method.WARP);
  }

  @Override
  public SdAdaptation create(MethodConfig method, EncoderConfig encoder, long seed) {
    MethodConfig filled = method.withDefaults();
    return switch (method.method()) {
      case LORA -> new SdLora(filled, encoder, seed);
      case ADAPTER -> new SdAdapter(filled, encoder, seed);
      case WARP -> new SdWarp(filled, encoder, seed);
      default -> throw new IllegalArgumentException("not a DL4J baseline: " + method.method());
    };
  }
}
