package slash.djl;

import ai.djl.ndarray.NDManager;

/**
 * A method whose per-example gradients come from ONE backward pass (SLaSh, JR-WARP): in
 * per-example mode its next forward pass gives every example its own copy of the trained vectors
 * (leaves of shape [B, 1, d'], broadcast over tokens), so autograd returns their per-example
 * gradients, which the method folds back into its trainables (grad z_i = sum_l W_l^T g_{l,i}).
 * Memory: O(B x d'_total) for the copies and their gradients, O(B x d) for the result.
 */
public interface DjlPerExample {
  /** Per-example copies for the next forward pass of {@code batchSize} rows; 0 turns it off. */
  void perExample(int batchSize);

  /**
   * After backward: per-example gradients [B][n] of the method's trainables, flat in
   * {@link DjlAdaptation#trainables()} order.
   */
  float[][] perExampleGradients(NDManager scope);
}
