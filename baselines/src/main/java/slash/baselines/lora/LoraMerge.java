package slash.baselines.lora;

import java.util.LinkedHashMap;
import java.util.Map;
import slash.core.method.AttentionProjection;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderWeights;

/**
 * LoRA merged into the encoder for inference: W' = W + (alpha / r) B A, so the merged encoder runs
 * with no hooks at the plain encoder's cost. Engine-neutral: any engine runs the merged weights.
 */
public final class LoraMerge {
  private LoraMerge() {}

  public static EncoderWeights merge(EncoderWeights weights, LoraConfig method,
      Map<String, FloatTensor> state) {
    double scale = method.scale();
    int r = method.rank();
    Map<String, FloatTensor> tensors = new LinkedHashMap<>(weights.tensors());
    for (int l = 0; l < weights.config().layers(); l++) {
      for (AttentionProjection target : method.targets()) {
        String name = LoraConfig.base(l, target) + ".weight";
        FloatTensor w = weights.get(name);
        int out = (int) w.shape()[0];
        int in = (int) w.shape()[1];
        float[] a = FloatTensor.require(state, LoraConfig.a(l, target),
            new long[] {r, in}).data();
        float[] b = FloatTensor.require(state, LoraConfig.b(l, target),
            new long[] {out, r}).data();
        float[] merged = w.data().clone();
        for (int o = 0; o < out; o++) {
          for (int k = 0; k < r; k++) {
            double bk = scale * b[o * r + k];
            for (int i = 0; i < in; i++) {
              merged[o * in + i] += (float) (bk * a[k * in + i]);
            }
          }
        }
        tensors.put(name, FloatTensor.of(merged, w.shape()));
      }
    }
    return new EncoderWeights(weights.config(), tensors, weights.tokenizer(),
        weights.source() + " + merged LoRA");
  }
}
