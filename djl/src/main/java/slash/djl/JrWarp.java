package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import slash.core.config.MethodConfig;
import slash.core.io.FloatTensor;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;
import slash.core.projection.SeededProjection;

/**
 * JR-WARP with prompt length 1 (paper Appendix A): layer 0 receives W_0 z as an extra position in
 * front of the token embeddings; every later layer adds W_l z to the transformed prompt position.
 * The prompt position is removed before the head, so [MASK] and [CLS] indices keep pointing at the
 * right tokens (the released code forgets this shift for [MASK]).
 */
public final class JrWarp implements Adaptation {
  public static final String Z = TrainableLayout.JR_WARP_Z;

  private final EncoderConfig encoder;
  private final NDManager manager;
  private final NDArray z;
  private final List<NDArray> projections = new ArrayList<>();
  private List<NDArray> prompts = List.of();

  public JrWarp(EncoderConfig encoder, MethodConfig method, NDManager parent) {
    method.validate(encoder.hidden(), encoder.intermediate());
    this.encoder = encoder;
    SeededProjection projection = new SeededProjection(method.projectionSeed(),
        method.distribution(), method.init(), method.d());
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
  public void beginForward(NDManager step) {
    List<NDArray> computed = new ArrayList<>();
    for (NDArray w : projections) {
      computed.add(Scopes.in(step, w.matMul(z)));
    }
    prompts = computed;
  }

  @Override
  public Sequence afterEmbeddings(Sequence sequence) {
    return PromptPositions.prepend(sequence, prompts.get(0).reshape(1, encoder.hidden()));
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
    return PromptPositions.drop(hidden, 1);
  }

  @Override
  public List<Trainable> trainables() {
    return List.of(Trainable.of(Z, z));
  }

  @Override
  public Map<String, FloatTensor> state() {
    return ArrayState.save(Map.of(Z, z));
  }

  @Override
  public void load(Map<String, FloatTensor> state) {
    ArrayState.load(Map.of(Z, z), state);
  }

  @Override
  public void close() {
    manager.close();
  }
}
