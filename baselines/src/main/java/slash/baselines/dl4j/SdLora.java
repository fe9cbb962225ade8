package slash.baselines.dl4j;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import slash.core.config.MethodConfig;
import slash.core.io.FloatTensor;
import slash.core.method.LoraMerge;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderWeights;

/** LoRA on SameDiff, the twin of the DJL baseline: h + (alpha / r) B A x on the targets. */
final class SdLora extends SdLayoutAdaptation {
  private final List<String> targets;

  SdLora(MethodConfig method, EncoderConfig encoder, long seed) {
    super(method, encoder, seed);
    this.targets = TrainableLayout.targets(method);
  }

  @Override
  public SDVariable attentionProjection(SameDiff graph, int layer, String target,
      SDVariable input, SDVariable output) {
    if (!targets.contains(target)) {
      return output;
    }
    SDVariable low = graph.mmul(input, variable(TrainableLayout.loraA(layer, target)), false,
        true, false);
    SDVariable update = graph.mmul(low, variable(TrainableLayout.loraB(layer, target)), false,
        true, false);
    return output.add(update.mul(method.loraScale()));
  }

  @Override
  public EncoderWeights fuse(EncoderWeights weights, Map<String, FloatTensor> state) {
    return LoraMerge.merge(weights, method, state);
  }
}
