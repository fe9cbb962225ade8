package slash.methods.projection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import slash.core.projection.SeededProjection;
import slash.djl.DjlScopes;
import slash.djl.DjlTrainable;

/**
 * The per-layer vectors W_l z of SLaSh (shifts) and JR-WARP (prompts) on DJL, from the trainable z
 * the method's layout created; the twin of {@link SdProjections}.
 *
 * <p>Stored W: W_l are fixed arrays and autograd differentiates through W_l z. On the fly, W is
 * never held: the vectors are computed row by row from the seed and enter the graph as leaves;
 * after backward their gradients are folded back, grad z = sum_l W_l^T grad(v_l), again row by
 * row. Both give the same numbers. In per-example mode every example gets its own copy of each
 * vector (leaves [B, 1, d']), so one backward pass gives per-example gradients.
 */
public final class DjlProjections {
  private final SeededProjection projection;
  private final boolean onTheFly;
  private final NDArray z;
  private final int rows;
  private final int layers;
  private final List<NDArray> matrices = new ArrayList<>();
  private List<NDArray> vectors = List.of();
  /** Rows of the next forward pass in per-example mode; 0: one shared vector per layer. */
  private int perExample;

  /**
   * W_l [rows, d] for {@code layers} layers, as arrays named {@code matrixPrefix + l} under
   * {@code manager} unless they are regenerated on the fly.
   */
  public DjlProjections(SeededProjection projection, boolean onTheFly, NDArray z, int rows,
      int layers, String matrixPrefix, NDManager manager) {
    this.projection = projection;
    this.onTheFly = onTheFly;
    this.z = z;
    this.rows = rows;
    this.layers = layers;
    if (!onTheFly) {
      for (int l = 0; l < layers; l++) {
        NDArray w = manager.create(projection.matrix(l, rows), new Shape(rows, projection.d()));
        w.setName(matrixPrefix + l);
        matrices.add(w); // never requires a gradient: W is fixed
      }
    }
  }

  /** Computes this forward pass's vectors in the step's scope. */
  public void begin(NDManager step) {
    List<NDArray> computed = new ArrayList<>(layers);
    if (perExample > 0) {
      float[] zValues = z.toFloatArray();
      for (int l = 0; l < layers; l++) {
        float[] one = onTheFly ? projection.project(l, rows, zValues)
            : DjlScopes.in(step, matrices.get(l).matMul(z)).toFloatArray();
        float[] copies = new float[perExample * rows];
        for (int i = 0; i < perExample; i++) {
          System.arraycopy(one, 0, copies, i * rows, rows);
        }
        computed.add(leaf(step.create(copies, new Shape(perExample, 1, rows))));
      }
    } else if (onTheFly) {
      float[] zValues = z.toFloatArray();
      for (int l = 0; l < layers; l++) {
        computed.add(leaf(step.create(projection.project(l, rows, zValues))));
      }
    } else {
      for (NDArray w : matrices) {
        computed.add(DjlScopes.in(step, w.matMul(z)));
      }
    }
    vectors = computed;
  }

  private static NDArray leaf(NDArray vector) {
    vector.setRequiresGradient(true);
    return vector;
  }

  /** W_l z of this pass: [rows], or [B, 1, rows] in per-example mode. */
  public NDArray vector(int layer) {
    return vectors.get(layer);
  }

  public boolean perExampleMode() {
    return perExample > 0;
  }

  /** Per-example copies for the next forward pass of {@code batchSize} rows; 0 turns it off. */
  public void perExample(int batchSize) {
    this.perExample = batchSize;
  }

  /**
   * grad z_i = sum_l W_l^T g_{l,i} from the copies' gradients g_l [B, rows]: one [B, rows] x
   * [rows, d] product per layer with stored W, row by row from the seed on the fly.
   */
  public float[][] perExampleGradients(NDManager scope) {
    int b = perExample;
    int d = projection.d();
    float[][] grads = new float[b][];
    if (onTheFly) {
      for (int i = 0; i < b; i++) {
        grads[i] = new float[d];
      }
      for (int l = 0; l < layers; l++) {
        float[] g = vectors.get(l).getGradient().toFloatArray();
        for (int i = 0; i < b; i++) {
          projection.addTransposed(l, Arrays.copyOfRange(g, i * rows, (i + 1) * rows), grads[i]);
        }
      }
      return grads;
    }
    NDArray total = null;
    for (int l = 0; l < layers; l++) {
      NDArray g = DjlScopes.in(scope, vectors.get(l).getGradient().reshape(b, rows));
      NDArray term = DjlScopes.in(scope, g.matMul(matrices.get(l)));
      total = total == null ? term : total.add(term);
    }
    float[] flat = total.toFloatArray();
    for (int i = 0; i < b; i++) {
      grads[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
    }
    return grads;
  }

  /** z for the optimizer; on the fly its gradient is folded back from the vectors' gradients. */
  public DjlTrainable trainable(String name) {
    if (!onTheFly) {
      return DjlTrainable.of(name, z);
    }
    return DjlTrainable.of(name, z, scope -> {
      float[] grad = new float[projection.d()];
      for (int l = 0; l < vectors.size(); l++) {
        projection.addTransposed(l, vectors.get(l).getGradient().toFloatArray(), grad);
      }
      return scope.create(grad);
    });
  }
}
