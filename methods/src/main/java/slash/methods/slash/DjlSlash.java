package slash.methods.slash;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderConfig;
import slash.core.projection.ProjectionStorage;
import slash.core.projection.SeededProjection;
import slash.djl.DjlAdaptation;
import slash.djl.DjlArrayState;
import slash.djl.DjlPerExample;
import slash.djl.DjlScopes;
import slash.djl.DjlTrainable;

/**
 * SLaSh (paper Section 2): one trainable z in R^d; block l adds the shift W_l z to its output
 * feed-forward activation (or the attention output, or the intermediate activation), W_l fixed.
 *
 * <p>With stored projections the W_l are tensors and autograd differentiates through W_l z. On the
 * fly, W is never held: the shifts are computed row by row from the seed and enter the graph as
 * leaves; after backward their gradients are folded back, grad z = sum_l W_l^T grad(shift_l), again
 * row by row. Both give the same numbers.
 */
public final class DjlSlash implements DjlAdaptation, DjlPerExample {
  public static final String Z = SlashConfig.Z;

  private final EncoderConfig encoder;
  private final ShiftPosition position;
  private final SeededProjection projection;
  private final boolean onTheFly;
  private final NDManager manager;
  private final NDArray z;
  private final List<NDArray> projections = new ArrayList<>();
  private List<NDArray> shifts = List.of();
  /** Rows of the next forward pass in per-example mode; 0: one shared shift per layer. */
  private int perExample;

  public DjlSlash(SlashConfig config, EncoderConfig encoder, long seed, NDManager parent) {
    SlashConfig method = config.forRunSeed(seed);
    method.validate(encoder);
    this.encoder = encoder;
    this.position = method.position();
    this.projection = method.projection();
    this.onTheFly = method.storage() == ProjectionStorage.ON_THE_FLY;
    this.manager = parent.newSubManager();
    this.z = manager.create(projection.initialZ(), new Shape(method.d()));
    z.setName(Z);
    z.setRequiresGradient(true);
    if (!onTheFly) {
      int rows = activationSize();
      for (int l = 0; l < encoder.layers(); l++) {
        NDArray w = manager.create(projection.matrix(l, rows), new Shape(rows, method.d()));
        w.setName("slash.W." + l);
        projections.add(w); // never requires a gradient: W is fixed
      }
    }
  }

  /** d'_l: the size of the activation being shifted. */
  public int activationSize() {
    return position == ShiftPosition.INTERMEDIATE ? encoder.intermediate() : encoder.hidden();
  }

  public NDArray z() {
    return z;
  }

  @Override
  public void begin(NDManager step) {
    List<NDArray> computed = new ArrayList<>(encoder.layers());
    if (perExample > 0) {
      // every example its own copy of W_l z: leaves [B, 1, d'] broadcast over the tokens
      float[] zValues = z.toFloatArray();
      int rows = activationSize();
      for (int l = 0; l < encoder.layers(); l++) {
        float[] one = onTheFly ? projection.project(l, rows, zValues)
            : DjlScopes.in(step, projections.get(l).matMul(z)).toFloatArray();
        float[] copies = new float[perExample * rows];
        for (int i = 0; i < perExample; i++) {
          System.arraycopy(one, 0, copies, i * rows, rows);
        }
        NDArray shift = step.create(copies, new Shape(perExample, 1, rows));
        shift.setRequiresGradient(true);
        computed.add(shift);
      }
    } else if (onTheFly) {
      float[] zValues = z.toFloatArray();
      for (int l = 0; l < encoder.layers(); l++) {
        NDArray shift = step.create(projection.project(l, activationSize(), zValues));
        shift.setRequiresGradient(true);
        computed.add(shift);
      }
    } else {
      for (NDArray w : projections) {
        computed.add(DjlScopes.in(step, w.matMul(z)));
      }
    }
    shifts = computed;
  }

  @Override
  public NDArray attentionOutput(int layer, NDArray activation) {
    return position == ShiftPosition.ATTENTION ? activation.add(shifts.get(layer)) : activation;
  }

  @Override
  public NDArray attentionLayerNorm(int layer, NDArray hidden) {
    return position == ShiftPosition.ATTENTION_LAYERNORM ? hidden.add(shifts.get(layer)) : hidden;
  }

  @Override
  public NDArray intermediate(int layer, NDArray activation) {
    return position == ShiftPosition.INTERMEDIATE ? activation.add(shifts.get(layer)) : activation;
  }

  @Override
  public NDArray output(int layer, NDArray activation) {
    return position == ShiftPosition.OUTPUT ? activation.add(shifts.get(layer)) : activation;
  }

  @Override
  public void perExample(int batchSize) {
    this.perExample = batchSize;
  }

  /**
   * grad z_i = sum_l W_l^T g_{l,i} from the copies' gradients g_l [B, d']: one [B, d'] x [d', d]
   * product per layer with stored W, row by row from the seed on the fly.
   */
  @Override
  public float[][] perExampleGradients(NDManager scope) {
    int b = perExample;
    int rows = activationSize();
    int d = projection.d();
    float[][] grads = new float[b][];
    if (onTheFly) {
      for (int i = 0; i < b; i++) {
        grads[i] = new float[d];
      }
      for (int l = 0; l < shifts.size(); l++) {
        float[] g = shifts.get(l).getGradient().toFloatArray();
        for (int i = 0; i < b; i++) {
          projection.addTransposed(l, java.util.Arrays.copyOfRange(g, i * rows, (i + 1) * rows),
              grads[i]);
        }
      }
      return grads;
    }
    NDArray total = null;
    for (int l = 0; l < shifts.size(); l++) {
      NDArray g = DjlScopes.in(scope, shifts.get(l).getGradient().reshape(b, rows));
      NDArray term = DjlScopes.in(scope, g.matMul(projections.get(l)));
      total = total == null ? term : total.add(term);
    }
    float[] flat = total.toFloatArray();
    for (int i = 0; i < b; i++) {
      grads[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
    }
    return grads;
  }

  @Override
  public List<DjlTrainable> trainables() {
    if (!onTheFly) {
      return List.of(DjlTrainable.of(Z, z));
    }
    return List.of(new DjlTrainable() {
      @Override
      public String name() {
        return Z;
      }

      @Override
      public NDArray value() {
        return z;
      }

      @Override
      public NDArray gradient(NDManager scope) {
        float[] grad = new float[projection.d()];
        for (int l = 0; l < shifts.size(); l++) {
          projection.addTransposed(l, shifts.get(l).getGradient().toFloatArray(), grad);
        }
        return scope.create(grad);
      }
    });
  }

  @Override
  public Map<String, FloatTensor> state() {
    return DjlArrayState.save(Map.of(Z, z));
  }

  @Override
  public void load(Map<String, FloatTensor> state) {
    DjlArrayState.load(Map.of(Z, z), state);
  }

  @Override
  public void close() {
    manager.close();
  }
}
