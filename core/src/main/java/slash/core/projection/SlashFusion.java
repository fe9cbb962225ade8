package slash.core.projection;

import java.util.LinkedHashMap;
import java.util.Map;
import slash.core.config.MethodConfig;
import slash.core.config.ShiftPosition;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderLayout;
import slash.core.model.EncoderWeights;

/**
 * SLaSh folded into the encoder for inference: block l's shift W_l z is exactly an addition to one
 * bias, so the fused encoder is the plain encoder with those biases moved. Engine-neutral: any
 * engine runs the returned weights with no hooks.
 */
public final class SlashFusion {
  private SlashFusion() {}

  public static EncoderWeights fuse(EncoderWeights weights, MethodConfig method, float[] z) {
    SeededProjection projection = new SeededProjection(method.projectionSeed(),
        method.distribution(), method.init(), method.d());
    Map<String, FloatTensor> tensors = new LinkedHashMap<>(weights.tensors());
    for (int l = 0; l < weights.config().layers(); l++) {
      String name = bias(l, method.position());
      FloatTensor bias = weights.get(name);
      float[] shift = projection.project(l, bias.data().length, z);
      float[] moved = bias.data().clone();
      for (int i = 0; i < moved.length; i++) {
        moved[i] += shift[i];
      }
      tensors.put(name, FloatTensor.of(moved, bias.shape()));
    }
    return new EncoderWeights(weights.config(), tensors, weights.tokenizer(),
        weights.source() + " + fused SLaSh");
  }

  /** The bias a shift at {@code position} of block {@code layer} folds into. */
  public static String bias(int layer, ShiftPosition position) {
    return EncoderLayout.layer(layer) + switch (position) {
      case OUTPUT -> "output.dense.bias";
      case ATTENTION -> "attention.output.dense.bias";
      case INTERMEDIATE -> "intermediate.dense.bias";
    };
  }
}
