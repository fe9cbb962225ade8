package slash.methods.slash;

import java.util.Map;
import java.util.Optional;
import slash.core.io.FloatTensor;
import slash.core.method.Knob;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.projection.ProjectionStorage;
import slash.methods.projection.ProjectionKnobs;
import slash.methods.projection.ProjectionMethod;

/**
 * SLaSh (paper Section 2): one trainable z in R^d; block l adds the fixed random shift W_l z at
 * {@code position}. Trains d parameters plus the head; folds into one bias per block.
 */
public record SlashConfig(
    @Knob(description = "size of z") int d,
    @Knob(description = "where the shift is added: output, intermediate or attention (Table 7)")
    ShiftPosition position,
    @Knob(option = "init", description = "distribution of z and W: normal or uniform")
    Distribution distribution,
    @Knob(option = "init-scheme", description = "random, zero_z or identity_w (Table 8)")
    InitScheme init,
    @Knob(description = "W stored as tensors or regenerated on the fly from the seed")
    ProjectionStorage storage,
    @Knob(description = "seed of W and of z's initial value; unset: the run's --seed")
    Long projectionSeed)
    implements ProjectionMethod {
  public static final String Z = "slash.z";
  public static final SlashConfig DEFAULTS = of(1024);

  public SlashConfig {
    ProjectionKnobs knobs = new ProjectionKnobs(d, distribution, init, storage, projectionSeed);
    position = position == null ? ShiftPosition.OUTPUT : position;
    distribution = knobs.distribution();
    init = knobs.init();
    storage = knobs.storage();
  }

  /**
   * The paper's default: shift at the output activation, N(0, 1/d), W stored, W and z drawn from
   * the run seed (the released code seeds everything before it builds the model); the z/W
   * defaults are ProjectionKnobs'.
   */
  public static SlashConfig of(int d) {
    return new SlashConfig(d, ShiftPosition.OUTPUT, null, null, null, null);
  }

  public SlashConfig withD(int newD) {
    return new SlashConfig(newD, position, distribution, init, storage, projectionSeed);
  }

  public SlashConfig withPosition(ShiftPosition newPosition) {
    return new SlashConfig(d, newPosition, distribution, init, storage, projectionSeed);
  }

  public SlashConfig withDistribution(Distribution newDistribution) {
    return new SlashConfig(d, position, newDistribution, init, storage, projectionSeed);
  }

  public SlashConfig withInit(InitScheme newInit) {
    return new SlashConfig(d, position, distribution, newInit, storage, projectionSeed);
  }

  public SlashConfig withStorage(ProjectionStorage newStorage) {
    return new SlashConfig(d, position, distribution, init, newStorage, projectionSeed);
  }

  public SlashConfig withProjectionSeed(long seed) {
    return new SlashConfig(d, position, distribution, init, storage, seed);
  }

  @Override
  public String label() {
    return "slash-d" + d;
  }

  @Override
  public SlashConfig withSize(int size) {
    return withD(size);
  }

  /** W_l and z follow the run seed unless an explicit projection seed pins them. */
  @Override
  public SlashConfig forRunSeed(long runSeed) {
    return projectionSeed != null ? this : withProjectionSeed(runSeed);
  }

  /** d'_l: the size of the activation being shifted. */
  public int activationSize(EncoderConfig encoder) {
    return position == ShiftPosition.INTERMEDIATE ? encoder.intermediate() : encoder.hidden();
  }

  @Override
  public void validate(EncoderConfig encoder) {
    knobs().validate(activationSize(encoder));
  }

  @Override
  public Map<String, long[]> layout(EncoderConfig encoder) {
    validate(encoder);
    return knobs().layout(Z);
  }

  @Override
  public float[] initialValues(String name, long[] shape, long seed) {
    return knobs().initialZ(Z, name, seed, "SLaSh");
  }

  @Override
  public Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state) {
    return Optional.of(SlashFold.fold(weights, this, // needs a resolved projection seed
        FloatTensor.require(state, Z, new long[] {d}).data()));
  }
}
