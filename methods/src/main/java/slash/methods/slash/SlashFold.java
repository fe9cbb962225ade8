package slash.methods.slash;

import java.util.LinkedHashMap;
import java.util.Map;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderLayout;
import slash.core.model.EncoderWeights;
import slash.core.projection.SeededProjection;

/**
 * SLaSh folded into the encoder for inference: block l's shift W_l z is exactly an addition to one
 * bias, so the fused encoder is the plain encoder with those biases moved. Engine-neutral: any
 * engine runs the returned weights with no hooks.
 */
public final class SlashFold {
  private SlashFold() {}

  public static EncoderWeights fold(EncoderWeights weights, SlashConfig method, float[] z) {
    SeededProjection projection = method.projection();
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
      // LayerNorm(x) * g + b + s = LayerNorm(x) * g + (b + s): exact
      case ATTENTION_LAYERNORM -> "attention.output.LayerNorm.bias";
    };
  }
}
