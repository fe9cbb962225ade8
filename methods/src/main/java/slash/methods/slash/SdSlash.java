package slash.methods.slash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.model.EncoderConfig;
import slash.core.projection.ProjectionStorage;
import slash.dl4j.SdAdaptation;
import slash.dl4j.SdPerExample;
import slash.methods.projection.SdProjections;

/**
 * SLaSh on SameDiff, the twin of the DJL engine's DjlSlash: z in R^d, shift W_l z added at the chosen
 * activation of every block (a rank-1 [width] shift, added to the rows [B*T, width] the activation
 * hooks see). Stored W: constants and autodiff through W_l z. On the fly: the
 * shifts are variables refreshed from z before each pass, and grad z = sum_l W_l^T grad(shift_l)
 * is folded back row by row from the seed.
 */
public final class SdSlash implements SdAdaptation, SdPerExample {
  public static final String Z = SlashConfig.Z;
  private static final String SHIFT = "slash.shift.";
  /**
   * Zero copies added to each shift for per-example gradients (SdPerExample): [1, d'] outside
   * that mode, one row per token [B*T, d'] in it, because the activation hooks see rows.
   */
  private static final String EXAMPLE = "slash.example.";

  private final EncoderConfig encoder;
  private final ShiftPosition position;
  private final boolean onTheFly;
  private final SdProjections projections;
  private final int rows;
  private SameDiff sd;
  private List<SDVariable> shifts = List.of();

  public SdSlash(SlashConfig config, EncoderConfig encoder, long seed) {
    SlashConfig method = config.forRunSeed(seed);
    method.validate(encoder);
    this.encoder = encoder;
    this.position = method.position();
    this.onTheFly = method.storage() == ProjectionStorage.ON_THE_FLY;
    this.rows = method.activationSize(encoder);
    this.projections = new SdProjections(method.projection(), Z, rows, encoder.layers());
  }

  @Override
  public void begin(SameDiff sd) {
    this.sd = sd;
    SDVariable z = projections.createZ(sd);
    List<SDVariable> base;
    if (!onTheFly) {
      base = projections.shifts(sd, z, "slash.W.");
    } else {
      base = new ArrayList<>();
      for (int l = 0; l < encoder.layers(); l++) {
        base.add(sd.var(SHIFT + l, Nd4j.zeros(DataType.FLOAT, rows)));
      }
    }
    List<SDVariable> withCopies = new ArrayList<>();
    for (int l = 0; l < encoder.layers(); l++) {
      withCopies.add(base.get(l).add(sd.var(EXAMPLE + l, Nd4j.zeros(DataType.FLOAT, 1, rows))));
    }
    shifts = withCopies;
  }

  @Override
  public void perExample(SameDiff graph, int batchSize, int length) {
    long tokens = Math.max(1L, (long) batchSize * length);
    for (int l = 0; l < encoder.layers(); l++) {
      graph.getVariable(EXAMPLE + l).setArray(Nd4j.zeros(DataType.FLOAT, tokens, rows));
    }
  }

  @Override
  public List<String> perExampleVariables() {
    List<String> names = new ArrayList<>();
    for (int l = 0; l < encoder.layers(); l++) {
      names.add(EXAMPLE + l);
    }
    return names;
  }

  /**
   * grad z_i = sum_l W_l^T g_{l,i}, where g_{l,i} sums example i's token rows of the copy's
   * gradient: [B, d'] x [d', d] per layer (stored W), else row by row.
   */
  @Override
  public float[][] perExampleGradients(SameDiff graph, Map<String, INDArray> gradients,
      int batchSize, int length) {
    int d = projections.projection().d();
    float[][] grads = new float[batchSize][];
    if (onTheFly) {
      for (int i = 0; i < batchSize; i++) {
        grads[i] = new float[d];
      }
      for (int l = 0; l < encoder.layers(); l++) {
        float[] g = perExampleShiftGradient(gradients.get(EXAMPLE + l), batchSize, length)
            .data().asFloat();
        for (int i = 0; i < batchSize; i++) {
          projections.projection().addTransposed(l,
              java.util.Arrays.copyOfRange(g, i * rows, (i + 1) * rows), grads[i]);
        }
      }
      return grads;
    }
    INDArray total = null;
    for (int l = 0; l < encoder.layers(); l++) {
      INDArray g = perExampleShiftGradient(gradients.get(EXAMPLE + l), batchSize, length);
      INDArray term = g.mmul(graph.getArrForVarName("slash.W." + l));
      total = total == null ? term : total.addi(term);
    }
    for (int i = 0; i < batchSize; i++) {
      grads[i] = total.getRow(i).dup().data().asFloat();
    }
    return grads;
  }

  /** Token rows [B*T, d'] summed per example: [B, d'], c order. */
  private INDArray perExampleShiftGradient(INDArray tokenRows, int batchSize, int length) {
    return tokenRows.dup('c').reshape(batchSize, length, rows).sum(1).dup('c');
  }

  @Override
  public void beforeForward(SameDiff sd) {
    if (onTheFly) {
      float[] z = sd.getArrForVarName(Z).toFloatVector();
      for (int l = 0; l < encoder.layers(); l++) {
        sd.getArrForVarName(SHIFT + l).assign(Nd4j.createFromArray(
            projections.projection().project(l, rows, z)));
      }
    }
  }

  @Override
  public SDVariable attentionOutput(int layer, SDVariable activation) {
    return position == ShiftPosition.ATTENTION ? activation.add(shifts.get(layer)) : activation;
  }

  @Override
  public SDVariable attentionLayerNorm(int layer, SDVariable hidden) {
    return position == ShiftPosition.ATTENTION_LAYERNORM ? hidden.add(shifts.get(layer)) : hidden;
  }

  @Override
  public SDVariable intermediate(int layer, SDVariable activation) {
    return position == ShiftPosition.INTERMEDIATE ? activation.add(shifts.get(layer))
        : activation;
  }

  @Override
  public SDVariable output(int layer, SDVariable activation) {
    return position == ShiftPosition.OUTPUT ? activation.add(shifts.get(layer)) : activation;
  }

  @Override
  public List<String> trainableNames() {
    return List.of(Z);
  }

  @Override
  public List<String> differentiated() {
    if (!onTheFly) {
      return trainableNames();
    }
    List<String> names = new ArrayList<>();
    for (int l = 0; l < encoder.layers(); l++) {
      names.add(SHIFT + l);
    }
    return names;
  }

  @Override
  public Map<String, INDArray> trainableGradients(Map<String, INDArray> gradients) {
    if (!onTheFly) {
      return gradients;
    }
    float[] grad = new float[projections.projection().d()];
    for (int l = 0; l < encoder.layers(); l++) {
      projections.projection().addTransposed(l, gradients.get(SHIFT + l).toFloatVector(), grad);
    }
    Map<String, INDArray> folded = new HashMap<>();
    folded.put(Z, Nd4j.createFromArray(grad));
    return folded;
  }
}
