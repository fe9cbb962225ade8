package slash.methods.projection;

import com.fasterxml.jackson.annotation.JsonIgnore;
import slash.core.method.InitDistribution;
import slash.core.method.MethodConfig;
import slash.core.method.Sized;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.projection.ProjectionStorage;
import slash.core.projection.SeededProjection;

/**
 * A method that trains z in R^d behind fixed random projections W_l (SLaSh, JR-WARP). Its record
 * keeps the knobs as its own components, since its JSON is those flat fields; what follows from
 * them (the shared {@link ProjectionKnobs}, the size a table row sets, the seeded projection) is
 * written here once.
 */
public interface ProjectionMethod extends MethodConfig, Sized, InitDistribution {
  int d();

  @Override
  Distribution distribution();

  InitScheme init();

  ProjectionStorage storage();

  Long projectionSeed();

  /** The z/W knobs, whose rules live in {@link ProjectionKnobs}. */
  @JsonIgnore
  default ProjectionKnobs knobs() {
    return new ProjectionKnobs(d(), distribution(), init(), storage(), projectionSeed());
  }

  @Override
  default int size() {
    return d();
  }

  /** The fixed W_l and z's initial value, generated from the seed alone. */
  @JsonIgnore
  default SeededProjection projection() {
    return knobs().projection(label());
  }
}
