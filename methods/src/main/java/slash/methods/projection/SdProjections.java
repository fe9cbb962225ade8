package slash.methods.projection;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.projection.SeededProjection;

/**
 * The trainable z and the fixed W_l (as constants) of SLaSh and JR-WARP in a SameDiff graph, with
 * the per-layer vectors W_l z. Same seeds, same values as the DJL engine.
 */
public final class SdProjections {
  private final SeededProjection projection;
  private final String zName;
  private final int rows;
  private final int layers;

  public SdProjections(SeededProjection projection, String zName, int rows, int layers) {
    this.projection = projection;
    this.zName = zName;
    this.rows = rows;
    this.layers = layers;
  }

  public SeededProjection projection() {
    return projection;
  }

  public SDVariable createZ(SameDiff sd) {
    return sd.var(zName, Nd4j.createFromArray(projection.initialZ()));
  }

  /** W_l z for every layer, each [rows]; W_l are constants named {@code prefix + l}. */
  public List<SDVariable> shifts(SameDiff sd, SDVariable z, String prefix) {
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
