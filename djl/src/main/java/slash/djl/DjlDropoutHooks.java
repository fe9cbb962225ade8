package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import slash.core.method.DropoutMasks;
import slash.core.model.EncoderHooks.Sequence;
import slash.core.model.ForwardingHooks;

/**
 * The model's dropout around a method's hooks, for one training step: Hugging Face's four sites
 * (embeddings output, attention probabilities, attention output and feed-forward output before
 * their residual), with masks from {@link DropoutMasks} so SameDiff applies the very same ones.
 */
final class DjlDropoutHooks extends ForwardingHooks<NDArray, NDManager> implements DjlHooks {
  private final DropoutMasks masks;
  private final long stepIndex;
  private NDManager step;

  DjlDropoutHooks(DjlHooks inner, DropoutMasks masks, long stepIndex) {
    super(inner);
    this.masks = masks;
    this.stepIndex = stepIndex;
  }

  @Override
  public void begin(NDManager scope) {
    this.step = scope;
    super.begin(scope);
  }

  @Override
  public Sequence<NDArray> afterEmbeddings(Sequence<NDArray> sequence) {
    return super.afterEmbeddings(new Sequence<>(drop(sequence.hidden(), DropoutMasks.EMBEDDINGS),
        sequence.mask()));
  }

  @Override
  public NDArray attentionProbabilities(int layer, NDArray probabilities) {
    return drop(super.attentionProbabilities(layer, probabilities), DropoutMasks.site(layer, 0));
  }

  @Override
  public NDArray attentionOutput(int layer, NDArray activation) {
    return drop(super.attentionOutput(layer, activation), DropoutMasks.site(layer, 1));
  }

  @Override
  public NDArray output(int layer, NDArray activation) {
    return drop(super.output(layer, activation), DropoutMasks.site(layer, 2));
  }

  private NDArray drop(NDArray x, int site) {
    float[] mask = masks.mask(stepIndex, site, Math.toIntExact(x.size()));
    return x.mul(step.create(mask, x.getShape()));
  }
}
