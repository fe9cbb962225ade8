package slash.methods.slash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import slash.core.model.EncoderConfig;
import slash.dl4j.SdLayoutAdaptation;
import slash.dl4j.SdPerExample;
import slash.methods.projection.SdProjections;

/**
 * SLaSh on SameDiff, the twin of the DJL engine's DjlSlash: z in R^d, shift W_l z added at the chosen
 * activation of every block (a rank-1 [width] shift, added to the rows [B*T, width] the activation
 * hooks see, so its per-example copies are per token). The shifts, stored or on the fly, are
 * {@link SdProjections}'.
 */
public final class SdSlash extends SdLayoutAdaptation implements SdPerExample {
  public static final String Z = SlashConfig.Z;

  private final ShiftPosition position;
  private final SdProjections projections;
  /** W_l z plus its per-example copy, per layer. */
  private List<SDVariable> shifts = List.of();

  public SdSlash(SlashConfig method, EncoderConfig encoder, long seed) {
    super(method, encoder, seed);
    this.position = method.position();
    this.projections = new SdProjections(method.forRunSeed(seed).projection(),
        method.knobs().onTheFly(), Z, method.activationSize(encoder), encoder.layers(), "slash.",
        SdProjections.Copies.TOKEN_ROWS);
  }

  @Override
  public void begin(SameDiff graph) {
    super.begin(graph);
    projections.begin(graph, variable(Z));
    List<SDVariable> withCopies = new ArrayList<>();
    for (int l = 0; l < encoder.layers(); l++) {
      withCopies.add(projections.vector(l).add(projections.copy(graph, l)));
    }
    shifts = withCopies;
  }

  @Override
  public void beforeForward(SameDiff graph) {
    projections.beforeForward(graph);
  }

  @Override
  public SDVariable attentionOutput(int layer, SDVariable activation) {
    return shifted(ShiftPosition.ATTENTION, layer, activation);
  }

  @Override
  public SDVariable attentionLayerNorm(int layer, SDVariable hidden) {
    return shifted(ShiftPosition.ATTENTION_LAYERNORM, layer, hidden);
  }

  @Override
  public SDVariable intermediate(int layer, SDVariable activation) {
    return shifted(ShiftPosition.INTERMEDIATE, layer, activation);
  }

  @Override
  public SDVariable output(int layer, SDVariable activation) {
    return shifted(ShiftPosition.OUTPUT, layer, activation);
  }

  private SDVariable shifted(ShiftPosition at, int layer, SDVariable activation) {
    return position == at ? activation.add(shifts.get(layer)) : activation;
  }

  @Override
  public List<String> differentiated() {
    return projections.differentiated();
  }

  @Override
  public Map<String, INDArray> trainableGradients(Map<String, INDArray> gradients) {
    return projections.trainableGradients(gradients);
  }

  @Override
  public void perExample(SameDiff graph, int batchSize, int length) {
    projections.perExample(graph, batchSize, length);
  }

  @Override
  public List<String> perExampleVariables() {
    return projections.perExampleVariables();
  }

  @Override
  public float[][] perExampleGradients(SameDiff graph, Map<String, INDArray> gradients,
      int batchSize, int length) {
    return projections.perExampleGradients(graph, gradients, batchSize, length);
  }
}
