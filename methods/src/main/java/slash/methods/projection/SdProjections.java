package slash.methods.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.projection.SeededProjection;

/**
 * The per-layer vectors W_l z of SLaSh (shifts) and JR-WARP (prompts) in a SameDiff graph, from
 * the trainable z the method's layout created; the twin of {@link DjlProjections}, with the same
 * seeds and values.
 *
 * <p>Stored W: constants, and autodiff through W_l z. On the fly: the vectors are variables
 * refreshed from z before each pass, and grad z = sum_l W_l^T grad(v_l) is folded back row by row
 * from the seed. Per-example gradients: a zero copy E_l goes with every vector (the method adds
 * it where the vector is used); in per-example mode E_l gets one slice per example (or per token,
 * see {@link Copies}), so one backward pass gives the per-example gradients of the vectors.
 */
public final class SdProjections {
  /** Where the method adds a vector, which sets the shape of its per-example copies. */
  public enum Copies {
    /** To activation rows [B*T, rows]: one copy per token, summed per example afterwards. */
    TOKEN_ROWS,
    /** At one position of each sequence [B, 1, rows]: one copy per example. */
    SEQUENCES;

    /** The copies' shape for a batch of {@code b} sequences of {@code t} tokens (0: shared). */
    long[] shape(int b, int t, int rows) {
      return this == TOKEN_ROWS ? new long[] {Math.max(1L, (long) b * t), rows}
          : new long[] {Math.max(1, b), 1, rows};
    }

    /** The copies' gradient as one row per example [B, rows], c order. */
    INDArray perExample(INDArray gradient, int b, int t, int rows) {
      return this == TOKEN_ROWS ? gradient.dup('c').reshape(b, t, rows).sum(1).dup('c')
          : gradient.reshape(b, rows).dup('c');
    }
  }

  private final SeededProjection projection;
  private final boolean onTheFly;
  private final String zName;
  private final int rows;
  private final int layers;
  private final String prefix;
  private final Copies copies;
  private List<SDVariable> vectors = List.of();

  /**
   * W_l [rows, d] for {@code layers} layers; graph names start with {@code prefix}: W_l constants
   * {@code W.l}, on-the-fly vectors {@code shift.l}, copies {@code example.l}.
   */
  public SdProjections(SeededProjection projection, boolean onTheFly, String zName, int rows,
      int layers, String prefix, Copies copies) {
    this.projection = projection;
    this.onTheFly = onTheFly;
    this.zName = zName;
    this.rows = rows;
    this.layers = layers;
    this.prefix = prefix;
    this.copies = copies;
  }

  /** Builds W_l z (each [rows]) and the zero copies from {@code z} [d]. */
  public void begin(SameDiff sd, SDVariable z) {
    vectors = onTheFly ? refreshedVectors(sd) : storedVectors(sd, z);
    for (int l = 0; l < layers; l++) {
      sd.var(copyName(l), Nd4j.zeros(DataType.FLOAT, copies.shape(0, 0, rows)));
    }
  }

  /** W_l constants, differentiated through by autodiff. */
  private List<SDVariable> storedVectors(SameDiff sd, SDVariable z) {
    SDVariable column = z.reshape(projection.d(), 1);
    List<SDVariable> built = new ArrayList<>(layers);
    for (int l = 0; l < layers; l++) {
      SDVariable w = sd.constant(matrixName(l), Nd4j.create(projection.matrix(l, rows),
          new long[] {rows, projection.d()}, 'c'));
      built.add(sd.mmul(w, column).reshape(rows));
    }
    return built;
  }

  /** Variables that {@link #beforeForward} fills from z: W is never held. */
  private List<SDVariable> refreshedVectors(SameDiff sd) {
    List<SDVariable> built = new ArrayList<>(layers);
    for (int l = 0; l < layers; l++) {
      built.add(sd.var(shiftName(l), Nd4j.zeros(DataType.FLOAT, rows)));
    }
    return built;
  }

  /** W_l z, [rows], without its copy. */
  public SDVariable vector(int layer) {
    return vectors.get(layer);
  }

  /** The zero copy E_l to add to {@link #vector}: [1, rows] or [1, 1, rows] outside that mode. */
  public SDVariable copy(SameDiff sd, int layer) {
    return sd.getVariable(copyName(layer));
  }

  /** On the fly: W_l z recomputed from z's current value before every forward pass. */
  public void beforeForward(SameDiff sd) {
    if (onTheFly) {
      float[] z = sd.getArrForVarName(zName).toFloatVector();
      for (int l = 0; l < layers; l++) {
        sd.getArrForVarName(shiftName(l)).assign(Nd4j.createFromArray(
            projection.project(l, rows, z)));
      }
    }
  }

  /** What to differentiate for z: z itself, or on the fly the vectors. */
  public List<String> differentiated() {
    if (!onTheFly) {
      return List.of(zName);
    }
    List<String> names = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      names.add(shiftName(l));
    }
    return names;
  }

  /** On the fly, folds the vectors' gradients into z's: grad z = sum_l W_l^T grad(v_l). */
  public Map<String, INDArray> trainableGradients(Map<String, INDArray> gradients) {
    if (!onTheFly) {
      return gradients;
    }
    float[] grad = new float[projection.d()];
    for (int l = 0; l < layers; l++) {
      projection.addTransposed(l, gradients.get(shiftName(l)).toFloatVector(), grad);
    }
    return Map.of(zName, Nd4j.createFromArray(grad));
  }

  /** Sets the copies for {@code batchSize} sequences of {@code length} tokens (0: shared). */
  public void perExample(SameDiff sd, int batchSize, int length) {
    for (int l = 0; l < layers; l++) {
      sd.getVariable(copyName(l)).setArray(
          Nd4j.zeros(DataType.FLOAT, copies.shape(batchSize, length, rows)));
    }
  }

  public List<String> perExampleVariables() {
    List<String> names = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      names.add(copyName(l));
    }
    return names;
  }

  /**
   * grad z_i = sum_l W_l^T g_{l,i} from the copies' gradients: one [B, rows] x [rows, d] product
   * per layer with stored W, row by row from the seed on the fly.
   */
  public float[][] perExampleGradients(SameDiff sd, Map<String, INDArray> gradients,
      int batchSize, int length) {
    float[][] grads = new float[batchSize][];
    if (onTheFly) {
      for (int i = 0; i < batchSize; i++) {
        grads[i] = new float[projection.d()];
      }
      for (int l = 0; l < layers; l++) {
        float[] g = exampleRows(gradients, l, batchSize, length).data().asFloat();
        for (int i = 0; i < batchSize; i++) {
          projection.addTransposed(l, Arrays.copyOfRange(g, i * rows, (i + 1) * rows),
              grads[i]);
        }
      }
      return grads;
    }
    INDArray total = null;
    for (int l = 0; l < layers; l++) {
      INDArray term = exampleRows(gradients, l, batchSize, length)
          .mmul(sd.getArrForVarName(matrixName(l)));
      total = total == null ? term : total.addi(term);
    }
    for (int i = 0; i < batchSize; i++) {
      grads[i] = total.getRow(i).dup().data().asFloat();
    }
    return grads;
  }

  private INDArray exampleRows(Map<String, INDArray> gradients, int layer, int batchSize,
      int length) {
    return copies.perExample(gradients.get(copyName(layer)), batchSize, length, rows);
  }

  private String matrixName(int layer) {
    return prefix + "W." + layer;
  }

  private String shiftName(int layer) {
    return prefix + "shift." + layer;
  }

  private String copyName(int layer) {
    return prefix + "example." + layer;
  }
}
