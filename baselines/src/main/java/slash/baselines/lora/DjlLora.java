package slash.baselines.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import slash.core.method.AttentionProjection;
import slash.core.model.EncoderConfig;
import slash.djl.DjlLayoutAdaptation;
import slash.djl.DjlScalars;
import slash.djl.DjlScopes;

/**
 * LoRA (Hu et al., 2022): a targeted projection h = W x + b becomes h + (alpha / r) B A x, with A
 * [r, H] and B [H, r] trainable and W frozen. Merged for inference by {@link LoraMerge}.
 */
public final class DjlLora extends DjlLayoutAdaptation {
  private final List<AttentionProjection> targets;
  private final float scale;

  public DjlLora(LoraConfig method, EncoderConfig encoder, long seed, NDManager parent) {
    super(method, encoder, seed, parent);
    this.targets = method.targets();
    this.scale = (float) method.scale();
  }

  @Override
  public NDArray attentionProjection(int layer, AttentionProjection target, NDArray input,
      NDArray output) {
    if (!targets.contains(target)) {
      return output;
    }
    NDArray a = tensor(LoraConfig.a(layer, target));
    NDArray b = tensor(LoraConfig.b(layer, target));
    // transposes of long-lived tensors land in their manager: move them into the step's scope
    NDManager step = input.getManager();
    return output.add(DjlScalars.times(input.matMul(DjlScopes.in(step, a.transpose()))
        .matMul(DjlScopes.in(step, b.transpose())), scale));
  }
}
