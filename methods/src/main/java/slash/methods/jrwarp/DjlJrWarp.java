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
import slash.djl.DjlPrompts;
import slash.djl.DjlScopes;
import slash.djl.DjlTrainable;

/**
 * JR-WARP with prompt length 1 (paper Appendix A): layer 0 receives W_0 z as an extra position in
 * front of the token embeddings; every later layer adds W_l z to the transformed prompt position.
 * The prompt position is removed before the head, so [MASK] and [CLS] indices keep pointing at the
 * right tokens (the released code forgets this shift for [MASK]).
 */
public final class DjlJrWarp implements DjlAdaptation {
  public static final String Z = JrWarpConfig.Z;

  private final EncoderConfig encoder;
  private final NDManager manager;
  private final NDArray z;
  private final List<NDArray> projections = new ArrayList<>();
  private List<NDArray> prompts = List.of();

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
    for (NDArray w : projections) {
      computed.add(DjlScopes.in(step, w.matMul(z)));
    }
    prompts = computed;
  }

  @Override
  public Sequence<NDArray> afterEmbeddings(Sequence<NDArray> sequence) {
    return DjlPrompts.prepend(sequence, prompts.get(0).reshape(1, encoder.hidden()));
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
    return hidden.add(position0.mul(prompts.get(layer).reshape(1, 1, encoder.hidden())));
  }

  @Override
  public NDArray finalHidden(NDArray hidden) {
    return DjlPrompts.drop(hidden, 1);
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
