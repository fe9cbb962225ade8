package slash.methods.jrwarp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderHooks.Sequence;
import slash.djl.DjlLayoutAdaptation;
import slash.djl.DjlPerExample;
import slash.djl.DjlPrompts;
import slash.djl.DjlTrainable;
import slash.methods.projection.DjlProjections;

/**
 * JR-WARP with prompt length 1 (paper Appendix A): layer 0 receives W_0 z as an extra position in
 * front of the token embeddings; every later layer adds W_l z to the transformed prompt position.
 * The prompt position is removed before the head, so [MASK] and [CLS] indices keep pointing at the
 * right tokens (the released code forgets this shift for [MASK]). The prompts W_l z and their
 * per-example copies are {@link DjlProjections}'.
 */
public final class DjlJrWarp extends DjlLayoutAdaptation implements DjlPerExample {
  public static final String Z = JrWarpConfig.Z;

  private final DjlProjections prompts;

  public DjlJrWarp(JrWarpConfig method, EncoderConfig encoder, long seed, NDManager parent) {
    super(method, encoder, seed, parent);
    this.prompts = new DjlProjections(method.forRunSeed(seed).projection(),
        method.knobs().onTheFly(), tensor(Z), encoder.hidden(), encoder.layers(), "jrwarp.W.",
        manager());
  }

  @Override
  public void begin(NDManager step) {
    prompts.begin(step);
  }

  @Override
  public Sequence<NDArray> afterEmbeddings(Sequence<NDArray> sequence) {
    return prompts.perExampleMode() ? DjlPrompts.prependPerRow(sequence, prompts.vector(0))
        : DjlPrompts.prepend(sequence, prompts.vector(0).reshape(1, encoder.hidden()));
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
    NDArray prompt = prompts.perExampleMode() ? prompts.vector(layer)
        : prompts.vector(layer).reshape(1, 1, encoder.hidden());
    return hidden.add(position0.mul(prompt));
  }

  @Override
  public NDArray finalHidden(NDArray hidden) {
    return DjlPrompts.drop(hidden, 1);
  }

  @Override
  public void perExample(int batchSize) {
    prompts.perExample(batchSize);
  }

  @Override
  public float[][] perExampleGradients(NDManager scope) {
    return prompts.perExampleGradients(scope);
  }

  @Override
  public List<DjlTrainable> trainables() {
    return List.of(prompts.trainable(Z));
  }
}
