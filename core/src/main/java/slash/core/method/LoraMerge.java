package slash.core.method;

import java.util.LinkedHashMap;
import java.util.Map;
import slash.core.config.MethodConfig;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderWeights;

/**
 * LoRA merged into the encoder for inference: W' = W + (alpha / r) B A, so the merged encoder runs
 * with no hooks at the plain encoder's cost. Engine-neutral, like SlashFusion.
 */
public final class LoraMerge {
  private LoraMerge() {}

  public static EncoderWeights merge(EncoderWeights weights, MethodConfig method,
      Map<String, FloatTensor> state) {
    double scale = method.loraScale();
    int r = method.rank();
    Map<String, FloatTensor> tensors = new LinkedHashMap<>(weights.tensors());
    for (int l = 0; l < weights.config().layers(); l++) {
      for (String target : TrainableLayout.targets(method)) {
        String name = TrainableLayout.loraBase(l, target) + ".weight";
        FloatTensor w = weights.get(name);
        int out = (int) w.shape()[0];
        int in = (int) w.shape()[1];
        float[] a = FloatTensor.require(state, TrainableLayout.loraA(l, target),
            new long[] {r, in}).data();
        float[] b = FloatTensor.require(state, TrainableLayout.loraB(l, target),
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
