package slash.methods.projection;

import static slash.core.method.MethodConfig.require;

import java.util.LinkedHashMap;
import java.util.Map;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.projection.ProjectionStorage;
import slash.core.projection.SeededProjection;

/**
 * The knobs of z in R^d and the fixed W_l that SLaSh and JR-WARP share, with what follows from
 * them: defaults, checks, the seeded projection and z's initial value. Both configs keep these
 * knobs as their own record components, because their JSON (old result.json files, checkpoints,
 * the run keys hashed from it) is those flat fields; they delegate the rules here.
 */
public record ProjectionKnobs(int d, Distribution distribution, InitScheme init,
    ProjectionStorage storage, Long projectionSeed) {
  public ProjectionKnobs {
    require(d > 0, "d", "must be positive, was " + d);
    distribution = distribution == null ? Distribution.NORMAL : distribution;
    init = init == null ? InitScheme.RANDOM : init;
    storage = storage == null ? ProjectionStorage.STORED : storage;
  }

  /** W_l and z follow the run seed unless an explicit projection seed pins them. */
  public ProjectionKnobs forRunSeed(long runSeed) {
    return projectionSeed != null ? this
        : new ProjectionKnobs(d, distribution, init, storage, runSeed);
  }

  /** The fixed W_l and z's initial value of the method labelled {@code label}. */
  public SeededProjection projection(String label) {
    if (projectionSeed == null) {
      throw new IllegalStateException(label + ": the projection seed follows the run seed; "
          + "resolve it first (RunConfig.resolvedMethod(), or forRunSeed(seed))");
    }
    return new SeededProjection(projectionSeed, distribution, init, d);
  }

  public boolean onTheFly() {
    return storage == ProjectionStorage.ON_THE_FLY;
  }

  /** W = I only exists when z is as long as the vector W_l z ({@code activationSize}). */
  public void validate(int activationSize) {
    require(init != InitScheme.IDENTITY_W || d == activationSize, "init",
        "identity_w needs d == activation size " + activationSize + ", but d = " + d);
  }

  /** The one trained tensor, z, under the method's name for it. */
  public Map<String, long[]> layout(String z) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put(z, new long[] {d});
    return shapes;
  }

  /** z's initial value for a run with seed {@code runSeed}; {@code method} names the refusal. */
  public float[] initialZ(String z, String name, long runSeed, String method) {
    require(z.equals(name), "d", method + " has no tensor " + name);
    return forRunSeed(runSeed).projection(method).initialZ();
  }
}
