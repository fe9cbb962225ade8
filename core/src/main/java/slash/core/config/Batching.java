package slash.core.config;

/**
 * How examples become batches.
 *
 * @param batchSize examples per optimizer step (a private run's expected logical batch)
 * @param maxLength tokens kept per example
 * @param groupByLength batches of similar length (Hugging Face's {@code group_by_length}): less
 *     padding, the same examples per epoch. Null or false: a plain seeded shuffle, as the released
 *     code trains. Kept as written (a file's explicit false stays false) since it is hashed into
 *     the run key.
 */
public record Batching(int batchSize, int maxLength, Boolean groupByLength) {
  public boolean groupsByLength() {
    return Boolean.TRUE.equals(groupByLength);
  }

  public Batching validate() {
    ConfigException.require(batchSize > 0, "batchSize", "must be positive, was " + batchSize);
    ConfigException.require(maxLength >= 8, "maxLength", "must be at least 8, was " + maxLength);
    return this;
  }
}
