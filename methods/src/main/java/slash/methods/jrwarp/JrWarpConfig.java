package slash.methods.jrwarp;

import static slash.core.method.MethodConfig.require;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slash.core.io.FloatTensor;
import slash.core.method.Knob;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.projection.ProjectionStorage;
import slash.methods.projection.ProjectionKnobs;
import slash.methods.projection.ProjectionMethod;

/**
 * JR-WARP with prompt length 1 (paper Appendix A): the prompt of layer l is W_l z; layer 0
 * receives it as an extra position, later layers add it to that position. Trains d parameters
 * plus the head; does not fold (it adds a position).
 */
public record JrWarpConfig(
    @Knob(description = "size of z") int d,
    @Knob(option = "init", description = "distribution of z and W: normal or uniform")
    Distribution distribution,
    @Knob(option = "init-scheme", description = "random, zero_z or identity_w (Table 8)")
    InitScheme init,
    @Knob(description = "W stored as tensors (JR-WARP has no on-the-fly variant)")
    ProjectionStorage storage,
    @Knob(description = "seed of W and of z's initial value; unset: the run's --seed")
    Long projectionSeed)
    implements ProjectionMethod {
  public static final String Z = "jrwarp.z";
  public static final JrWarpConfig DEFAULTS = of(1024);

  public JrWarpConfig {
    ProjectionKnobs knobs = new ProjectionKnobs(d, distribution, init, storage, projectionSeed);
    distribution = knobs.distribution();
    init = knobs.init();
    storage = knobs.storage();
    require(storage == ProjectionStorage.STORED, "storage",
        "JR-WARP keeps its W_l stored; on_the_fly is a SLaSh option");
  }

  /** The paper's default knobs (ProjectionKnobs'), W and z drawn from the run seed. */
  public static JrWarpConfig of(int d) {
    return new JrWarpConfig(d, null, null, null, null);
  }

  public JrWarpConfig withDistribution(Distribution newDistribution) {
    return new JrWarpConfig(d, newDistribution, init, storage, projectionSeed);
  }

  public JrWarpConfig withProjectionSeed(long seed) {
    return new JrWarpConfig(d, distribution, init, storage, seed);
  }

  @Override
  public String label() {
    return "jr-warp-d" + d;
  }

  @Override
  public JrWarpConfig withSize(int size) {
    return new JrWarpConfig(size, distribution, init, storage, projectionSeed);
  }

  @Override
  public List<String> knownDifferences() {
    return List.of("Differs from the released code: JR-WARP's head reads the [MASK] position "
        + "shifted past the inserted prompt (the released code forgets the shift and reads the "
        + "token before [MASK]).");
  }

  /** W_l and z follow the run seed unless an explicit projection seed pins them. */
  @Override
  public JrWarpConfig forRunSeed(long runSeed) {
    return projectionSeed != null ? this : withProjectionSeed(runSeed);
  }

  /** The prompt W_l z sits at a hidden-state position: W = I needs d == hidden. */
  @Override
  public void validate(EncoderConfig encoder) {
    knobs().validate(encoder.hidden());
  }

  @Override
  public Map<String, long[]> layout(EncoderConfig encoder) {
    validate(encoder);
    return knobs().layout(Z);
  }

  @Override
  public float[] initialValues(String name, long[] shape, long seed) {
    return knobs().initialZ(Z, name, seed, "JR-WARP");
  }

  @Override
  public Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state) {
    return Optional.empty();
  }
}
