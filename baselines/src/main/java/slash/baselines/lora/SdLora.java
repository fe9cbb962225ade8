package slash.baselines.lora;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import slash.core.method.AttentionProjection;
import slash.core.model.EncoderConfig;
import slash.dl4j.SdLayoutAdaptation;

/** LoRA on SameDiff, the twin of DjlLora: h + (alpha / r) B A x on the targets. */
public final class SdLora extends SdLayoutAdaptation {
  private final List<AttentionProjection> targets;
  private final double scale;

  public SdLora(LoraConfig method, EncoderConfig encoder, long seed) {
    super(method, encoder, seed);
    this.targets = method.targets();
    this.scale = method.scale();
  }

  @Override
  public SDVariable attentionProjection(int layer, AttentionProjection target, SDVariable input,
      SDVariable output) {
    if (!targets.contains(target)) {
      return output;
    }
    SDVariable low = sd.mmul(input, variable(LoraConfig.a(layer, target)), false, true, false);
    SDVariable update = sd.mmul(low, variable(LoraConfig.b(layer, target)), false, true, false);
    return output.add(update.mul(scale));
  }
}
