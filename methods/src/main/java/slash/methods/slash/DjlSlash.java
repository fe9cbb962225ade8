package slash.methods.slash;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import slash.core.model.EncoderConfig;
import slash.djl.DjlLayoutAdaptation;
import slash.djl.DjlPerExample;
import slash.djl.DjlTrainable;
import slash.methods.projection.DjlProjections;

/**
 * SLaSh (paper Section 2): one trainable z in R^d; block l adds the shift W_l z to its output
 * feed-forward activation (or the attention output, or the intermediate activation), W_l fixed.
 * The shifts, stored or on the fly, and their per-example copies are {@link DjlProjections}'.
 */
public final class DjlSlash extends DjlLayoutAdaptation implements DjlPerExample {
  public static final String Z = SlashConfig.Z;

  private final ShiftPosition position;
  private final int activationSize;
  private final DjlProjections shifts;

  public DjlSlash(SlashConfig method, EncoderConfig encoder, long seed, NDManager parent) {
    super(method, encoder, seed, parent);
    this.position = method.position();
    this.activationSize = method.activationSize(encoder);
    this.shifts = new DjlProjections(method.forRunSeed(seed).projection(),
        method.knobs().onTheFly(), tensor(Z), activationSize, encoder.layers(), "slash.W.",
        manager());
  }

  /** d'_l: the size of the activation being shifted. */
  public int activationSize() {
    return activationSize;
  }

  public NDArray z() {
    return tensor(Z);
  }

  @Override
  public void begin(NDManager step) {
    shifts.begin(step);
  }

  @Override
  public NDArray attentionOutput(int layer, NDArray activation) {
    return shifted(ShiftPosition.ATTENTION, layer, activation);
  }

  @Override
  public NDArray attentionLayerNorm(int layer, NDArray hidden) {
    return shifted(ShiftPosition.ATTENTION_LAYERNORM, layer, hidden);
  }

  @Override
  public NDArray intermediate(int layer, NDArray activation) {
    return shifted(ShiftPosition.INTERMEDIATE, layer, activation);
  }

  @Override
  public NDArray output(int layer, NDArray activation) {
    return shifted(ShiftPosition.OUTPUT, layer, activation);
  }

  private NDArray shifted(ShiftPosition at, int layer, NDArray activation) {
    return position == at ? activation.add(shifts.vector(layer)) : activation;
  }

  @Override
  public void perExample(int batchSize) {
    shifts.perExample(batchSize);
  }

  @Override
  public float[][] perExampleGradients(NDManager scope) {
    return shifts.perExampleGradients(scope);
  }

  @Override
  public List<DjlTrainable> trainables() {
    return List.of(shifts.trainable(Z));
  }
}
