package slash.core.train;

/**
 * Per-example gradients of one physical batch: {@code rows[i]} is the gradient of example i's own
 * loss (not divided by the batch size), flattened over the trainable tensors in the order of
 * {@link TrainingSession#modelState()}; {@code losses[i]} is that loss.
 */
public record PerExampleGradients(float[] losses, float[][] rows) {
  public int size() {
    return losses.length;
  }
}
