package slash.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.config.MethodConfig;
import slash.core.projection.SeededProjection;

/**
 * The trainable z and the fixed W_l (as constants) of SLaSh and JR-WARP in a SameDiff graph, with
 * the per-layer vectors W_l z. Same seeds, same values as the DJL engine.
 */
final class SdProjections {
  private final SeededProjection projection;
  private final String zName;
  private final int rows;
  private final int layers;

  SdProjections(MethodConfig method, String zName, int rows, int layers) {
    this.projection = new SeededProjection(method.projectionSeed(), method.distribution(),
        method.init(), method.d());
    this.zName = zName;
    this.rows = rows;
    this.layers = layers;
  }

  SeededProjection projection() {
    return projection;
  }

  SDVariable createZ(SameDiff sd) {
    return sd.var(zName, Nd4j.createFromArray(projection.initialZ()));
  }

  /** W_l z for every layer, each [rows]; W_l are constants named {@code prefix + l}. */
  List<SDVariable> shifts(SameDiff sd, SDVariable z, String prefix) {
    SDVariable column = z.reshape(projection.d(), 1);
    List<SDVariable> shifts = new ArrayList<>(layers);
    for (int l = 0; l < layers; l++) {
      SDVariable w = sd.constant(prefix + l, Nd4j.create(projection.matrix(l, rows),
          new long[] {rows, projection.d()}, 'c'));
      shifts.add(sd.mmul(w, column).reshape(rows));
    }
    return shifts;
  }
}
