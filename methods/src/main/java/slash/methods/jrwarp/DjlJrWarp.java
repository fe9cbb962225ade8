package slash.methods.jrwarp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderHooks.Sequence;
import slash.core.projection.SeededProjection;
import slash.djl.DjlAdaptation;
import slash.djl.DjlArrayState;
import slash.djl.DjlPerExample;
import slash.djl.DjlPrompts;
import slash.djl.DjlScopes;
import slash.djl.DjlTrainable;

/**
 * JR-WARP with prompt length 1 (paper Appendix A): layer 0 receives W_0 z as an extra position in
 * front of the token embeddings; every later layer adds W_l z to the transformed prompt position.
 * The prompt position is removed before the head, so [MASK] and [CLS] indices keep pointing at the
 * right tokens (the released code forgets this shift for [MASK]).
 */
public final class DjlJrWarp implements DjlAdaptation, DjlPerExample {
  public static final String Z = JrWarpConfig.Z;

  private final EncoderConfig encoder;
  private final NDManager manager;
  private final NDArray z;
  private final List<NDArray> projections = new ArrayList<>();
  private List<NDArray> prompts = List.of();
  /** Rows of the next forward pass in per-example mode; 0: one shared prompt per layer. */
  private int perExample;

  public DjlJrWarp(JrWarpConfig config, EncoderConfig encoder, long seed, NDManager parent) {
    JrWarpConfig method = config.forRunSeed(seed);
    method.validate(encoder);
    this.encoder = encoder;
    SeededProjection projection = method.projection();
    this.manager = parent.newSubManager();
    this.z = manager.create(projection.initialZ(), new Shape(method.d()));
    z.setName(Z);
    z.setRequiresGradient(true);
    for (int l = 0; l < encoder.layers(); l++) {
      projections.add(manager.create(projection.matrix(l, encoder.hidden()),
          new Shape(encoder.hidden(), method.d())));
    }
  }

  @Override
  public void begin(NDManager step) {
    List<NDArray> computed = new ArrayList<>();
    int h = encoder.hidden();
    for (NDArray w : projections) {
      if (perExample > 0) {
        // every example its own copy of W_l z: leaves [B, 1, H]
        float[] one = DjlScopes.in(step, w.matMul(z)).toFloatArray();
        float[] copies = new float[perExample * h];
        for (int i = 0; i < perExample; i++) {
          System.arraycopy(one, 0, copies, i * h, h);
        }
        NDArray prompt = step.create(copies, new Shape(perExample, 1, h));
        prompt.setRequiresGradient(true);
        computed.add(prompt);
      } else {
        computed.add(DjlScopes.in(step, w.matMul(z)));
      }
    }
    prompts = computed;
  }

  @Override
  public Sequence<NDArray> afterEmbeddings(Sequence<NDArray> sequence) {
    return perExample > 0 ? DjlPrompts.prependPerRow(sequence, prompts.get(0))
        : DjlPrompts.prepend(sequence, prompts.get(0).reshape(1, encoder.hidden()));
  }

  @Override
  public NDArray beforeLayer(int layer, NDArray hidden) {
    if (layer == 0) {
      return hidden;
    }
    // Adds W_l z at position 0 only: a one-hot [1, T, 1] column times the prompt [1, 1, H].
    long length = hidden.getShape().get(1);
    float[] first = new float[(int) length];
    first[0] = 1f;
    NDArray position0 = hidden.getManager().create(first, new Shape(1, length, 1));
    NDArray prompt = perExample > 0 ? prompts.get(layer)
        : prompts.get(layer).reshape(1, 1, encoder.hidden());
    return hidden.add(position0.mul(prompt));
  }

  @Override
  public NDArray finalHidden(NDArray hidden) {
    return DjlPrompts.drop(hidden, 1);
  }

  @Override
  public void perExample(int batchSize) {
    this.perExample = batchSize;
  }

  /** grad z_i = sum_l W_l^T g_{l,i}: one [B, H] x [H, d] product per layer. */
  @Override
  public float[][] perExampleGradients(NDManager scope) {
    int b = perExample;
    int h = encoder.hidden();
    NDArray total = null;
    for (int l = 0; l < prompts.size(); l++) {
      NDArray g = DjlScopes.in(scope, prompts.get(l).getGradient().reshape(b, h));
      NDArray term = DjlScopes.in(scope, g.matMul(projections.get(l)));
      total = total == null ? term : total.add(term);
    }
    float[] flat = total.toFloatArray();
    int d = (int) z.size();
    float[][] grads = new float[b][];
    for (int i = 0; i < b; i++) {
      grads[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
    }
    return grads;
  }

  @Override
  public List<DjlTrainable> trainables() {
    return List.of(DjlTrainable.of(Z, z));
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
