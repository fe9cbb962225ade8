package slash.core.text;

/**
 * A padded batch, row-major {@code [size, length]}. {@code representationIndex[i]} is the position of
 * row i's [CLS] or [MASK] token. Sequence tasks carry {@code labels} (class index or score);
 * token tasks carry {@code tokenLabels} with {@link #IGNORE} on positions that are not first
 * sub-words.
 */
public record EncodedBatch(int size, int length, long[] inputIds, long[] attentionMask,
    long[] tokenTypeIds, int[] representationIndex, float[] labels, long[] tokenLabels) {

  /** Label of positions that take no loss (PyTorch's ignore_index). */
  public static final long IGNORE = -100;

  public long[] shape() {
    return new long[] {size, length};
  }

  /** Number of real (non-padding) tokens in row {@code row}. */
  public int rowLength(int row) {
    int n = 0;
    for (int t = 0; t < length; t++) {
      n += (int) attentionMask[row * length + t];
    }
    return n;
  }

  /**
   * This batch padded on the right to {@code newLength}: padding positions get attention mask 0,
   * token type 0, token label {@link #IGNORE} and input id {@code padId}. A model that masks
   * padding gives its real positions the same outputs either way; an engine pads to a few fixed
   * lengths so that its buffers of one shape serve many batches.
   */
  public EncodedBatch paddedTo(int newLength, long padId) {
    if (newLength < length) {
      throw new IllegalArgumentException("cannot pad a batch of length " + length + " to "
          + newLength);
    }
    if (newLength == length) {
      return this;
    }
    return new EncodedBatch(size, newLength, pad(inputIds, newLength, padId),
        pad(attentionMask, newLength, 0), tokenTypeIds == null ? null
            : pad(tokenTypeIds, newLength, 0), representationIndex, labels,
        tokenLabels == null ? null : pad(tokenLabels, newLength, IGNORE));
  }

  private long[] pad(long[] rows, int newLength, long fill) {
    long[] out = new long[size * newLength];
    java.util.Arrays.fill(out, fill);
    for (int i = 0; i < size; i++) {
      System.arraycopy(rows, i * length, out, i * newLength, length);
    }
    return out;
  }
}
