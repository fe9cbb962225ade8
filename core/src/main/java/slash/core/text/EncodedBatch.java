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
}
