package slash.core.train;

import slash.core.data.TaskKind;
import slash.core.model.HeadGradients;

/**
 * Per-example gradients of one physical batch: {@code rows[i]} is the gradient of example i's own
 * loss (not divided by the batch size), flattened over the trainable tensors in the order of
 * {@link TrainingSession#modelState()}; {@code losses[i]} is that loss.
 */
public record PerExampleGradients(float[] losses, float[][] rows) {
  public int size() {
    return losses.length;
  }

  /**
   * The rows of a method with per-example copies: example i's own gradient of the method's
   * tensors ({@code own[i]}, none when {@code own} is empty), then its head gradient, computed
   * from the head's {@code logits} [B, outputs] and the {@code representation} [B, hidden] it
   * read ({@link HeadGradients}); the losses are the head's.
   */
  public static PerExampleGradients withHead(float[][] own, TaskKind kind, float[] logits,
      int outputs, float[] labels, float[] representation) {
    int b = labels.length;
    int hidden = representation.length / b;
    int ownSize = own.length == 0 ? 0 : own[0].length;
    float[][] rows = new float[b][ownSize + HeadGradients.size(outputs, hidden)];
    for (int i = 0; i < own.length; i++) {
      System.arraycopy(own[i], 0, rows[i], 0, ownSize);
    }
    float[] losses = new float[b];
    float[] e = HeadGradients.logitGradients(kind, logits, outputs, labels, losses);
    HeadGradients.write(e, representation, outputs, hidden, rows, ownSize);
    return new PerExampleGradients(losses, rows);
  }
}
