package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import slash.core.method.DropoutMasks;

/**
 * The model's dropout around a method's hooks, for one training step: Hugging Face's four sites
 * (embeddings output, attention probabilities, attention output and feed-forward output before
 * their residual), with masks from {@link DropoutMasks} so SameDiff applies the very same ones.
 */
final class DropoutHooks implements EncoderHooks {
  private final EncoderHooks inner;
  private final DropoutMasks masks;
  private final long stepIndex;
  private NDManager step;

  DropoutHooks(EncoderHooks inner, DropoutMasks masks, long stepIndex) {
    this.inner = inner;
    this.masks = masks;
    this.stepIndex = stepIndex;
  }

  @Override
  public void beginForward(NDManager scope) {
    this.step = scope;
    inner.beginForward(scope);
  }

  @Override
  public Sequence afterEmbeddings(Sequence sequence) {
    return inner.afterEmbeddings(new Sequence(drop(sequence.hidden(), DropoutMasks.EMBEDDINGS),
        sequence.mask()));
  }

  @Override
  public NDArray beforeLayer(int layer, NDArray hidden) {
    return inner.beforeLayer(layer, hidden);
  }

  @Override
  public NDArray attentionProjection(int layer, String target, NDArray input, NDArray output) {
    return inner.attentionProjection(layer, target, input, output);
  }

  @Override
  public NDArray attentionProbabilities(int layer, NDArray probabilities) {
    return drop(inner.attentionProbabilities(layer, probabilities), DropoutMasks.site(layer, 0));
  }

  @Override
  public NDArray attentionOutput(int layer, NDArray activation) {
    return drop(inner.attentionOutput(layer, activation), DropoutMasks.site(layer, 1));
  }

  @Override
  public NDArray intermediate(int layer, NDArray activation) {
    return inner.intermediate(layer, activation);
  }

  @Override
  public NDArray output(int layer, NDArray activation) {
    return drop(inner.output(layer, activation), DropoutMasks.site(layer, 2));
  }

  @Override
  public NDArray finalHidden(NDArray hidden) {
    return inner.finalHidden(hidden);
  }

  private NDArray drop(NDArray x, int site) {
    float[] mask = masks.mask(stepIndex, site, Math.toIntExact(x.size()));
    return x.mul(step.create(mask, x.getShape()));
  }
}
