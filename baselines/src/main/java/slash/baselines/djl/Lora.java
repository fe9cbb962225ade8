package slash.baselines.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import slash.core.config.MethodConfig;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;
import slash.djl.DjlEncoder;
import slash.djl.Scalars;
import slash.djl.Scopes;

/**
 * LoRA (Hu et al., 2022): a targeted projection h = W x + b becomes h + (alpha / r) B A x, with A
 * [r, H] and B [H, r] trainable and W frozen. Merged for inference: W' = W + (alpha / r) B A.
 */
final class Lora extends LayoutAdaptation {
  private final List<String> targets;
  private final float scale;

  Lora(MethodConfig method, EncoderConfig encoder, long seed, NDManager parent) {
    super(method, encoder, seed, parent);
    this.targets = TrainableLayout.targets(method);
    this.scale = (float) method.loraScale();
  }

  @Override
  public NDArray attentionProjection(int layer, String target, NDArray input, NDArray output) {
    if (!targets.contains(target)) {
      return output;
    }
    NDArray a = tensor(TrainableLayout.loraA(layer, target));
    NDArray b = tensor(TrainableLayout.loraB(layer, target));
    // transposes of long-lived tensors land in their manager: move them into the step's scope
    NDManager step = input.getManager();
    return output.add(Scalars.times(input.matMul(Scopes.in(step, a.transpose()))
        .matMul(Scopes.in(step, b.transpose())), scale));
  }

  @Override
  public DjlEncoder fuse(DjlEncoder base, NDManager scope) {
    Map<String, NDArray> merged = new HashMap<>();
    for (int l = 0; l < encoder.layers(); l++) {
      for (String target : targets) {
        String name = TrainableLayout.loraBase(l, target) + ".weight";
        NDArray delta = Scalars.times(Scopes.in(scope, tensor(TrainableLayout.loraB(l, target))
            .matMul(tensor(TrainableLayout.loraA(l, target)))), scale);
        NDArray weight = Scopes.in(scope, base.parameter(name).add(delta));
        merged.put(name, weight);
      }
    }
    return base.withReplaced(merged);
  }
}
