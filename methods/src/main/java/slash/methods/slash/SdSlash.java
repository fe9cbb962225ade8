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
import slash.methods.projection.SdProjections;

/**
 * SLaSh on SameDiff, the twin of the DJL engine's DjlSlash: z in R^d, shift W_l z added at the chosen
 * activation of every block (a rank-1 [width] shift, added to the rows [B*T, width] the activation
 * hooks see). Stored W: constants and autodiff through W_l z. On the fly: the
 * shifts are variables refreshed from z before each pass, and grad z = sum_l W_l^T grad(shift_l)
 * is folded back row by row from the seed.
 */
public final class SdSlash implements SdAdaptation {
  public static final String Z = SlashConfig.Z;
  private static final String SHIFT = "slash.shift.";

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
    if (!onTheFly) {
      shifts = projections.shifts(sd, z, "slash.W.");
      return;
    }
    List<SDVariable> leaves = new ArrayList<>();
    for (int l = 0; l < encoder.layers(); l++) {
      leaves.add(sd.var(SHIFT + l, Nd4j.zeros(DataType.FLOAT, rows)));
    }
    shifts = leaves;
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
