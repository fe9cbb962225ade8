package slash.core.train;

import slash.core.text.EncodedBatch;

/**
 * A trained model for inference, built once and reused for every batch: the method folded into
 * the encoder's weights where it folds (SLaSh into biases, LoRA into W, trained weights as they
 * are), so it runs at the plain encoder's cost; otherwise the unfused model itself.
 */
public interface FusedModel extends AutoCloseable {
  /** Logits, row-major. */
  float[] logits(EncodedBatch batch);

  /** Whether the method was folded in (false: it runs with its hooks). */
  boolean folded();

  @Override
  default void close() {}
}
