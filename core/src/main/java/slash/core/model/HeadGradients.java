package slash.core.model;

import slash.core.data.TaskKind;

/**
 * The linear head's per-example gradients, engine-neutral: for example i with representation r_i
 * (the [CLS]/[MASK] state) and logit gradient e_i of its own loss, grad W_i = e_i r_i^T (an outer
 * product, row-major [outputs, hidden] as the weight) and grad b_i = e_i. The logit gradient of
 * cross-entropy is softmax(logits_i) - onehot(label_i); of the squared error (STS-B) 2 (l_i - y_i).
 * Both engines compute their loss this way, so no autograd pass is needed for the head.
 */
public final class HeadGradients {
  private HeadGradients() {}

  /**
   * Per-example logit gradients [B, outputs] of each example's own loss, and the losses into
   * {@code losses} (length B).
   */
  public static float[] logitGradients(TaskKind kind, float[] logits, int outputs,
      float[] labels, float[] losses) {
    int b = labels.length;
    float[] e = new float[b * outputs];
    for (int i = 0; i < b; i++) {
      int o = i * outputs;
      if (kind == TaskKind.REGRESSION) {
        double diff = logits[o] - labels[i];
        e[o] = (float) (2 * diff);
        losses[i] = (float) (diff * diff);
        continue;
      }
      if (kind != TaskKind.CLASSIFICATION) {
        throw new IllegalArgumentException("per-example head gradients cover sequence tasks, not "
            + kind);
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < outputs; c++) {
        max = Math.max(max, logits[o + c]);
      }
      double total = 0;
      for (int c = 0; c < outputs; c++) {
        total += Math.exp(logits[o + c] - max);
      }
      int label = (int) labels[i];
      for (int c = 0; c < outputs; c++) {
        double p = Math.exp(logits[o + c] - max) / total;
        e[o + c] = (float) (p - (c == label ? 1 : 0));
      }
      losses[i] = (float) (-(logits[o + label] - max - Math.log(total)));
    }
    return e;
  }

  /**
   * Writes grad W_i (outputs x hidden, row-major) then grad b_i into {@code rows[i]} from {@code
   * offset}: {@code e} is [B, outputs], {@code representation} [B, hidden].
   */
  public static void write(float[] e, float[] representation, int outputs, int hidden,
      float[][] rows, int offset) {
    for (int i = 0; i < rows.length; i++) {
      float[] row = rows[i];
      int at = offset;
      for (int c = 0; c < outputs; c++) {
        float ec = e[i * outputs + c];
        int r = i * hidden;
        for (int h = 0; h < hidden; h++) {
          row[at++] = ec * representation[r + h];
        }
      }
      for (int c = 0; c < outputs; c++) {
        row[at++] = e[i * outputs + c];
      }
    }
  }

  /** Parameters of the head: outputs x hidden + outputs. */
  public static int size(int outputs, int hidden) {
    return outputs * hidden + outputs;
  }
}
