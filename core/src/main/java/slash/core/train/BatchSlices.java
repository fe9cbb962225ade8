package slash.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import slash.core.text.EncodedBatch;

/**
 * Rows of an encoded batch as a batch of their own, padded only to their own longest row: how a
 * logical batch becomes physical micro-batches (and single examples, for the looped fallback).
 * Padding is at the end of each row and masked, so trimming it changes no real position.
 */
public final class BatchSlices {
  private BatchSlices() {}

  /** Rows {@code [from, to)} of {@code batch}, trimmed to their longest row. */
  public static EncodedBatch slice(EncodedBatch batch, int from, int to) {
    int rows = to - from;
    int length = 1;
    for (int r = from; r < to; r++) {
      length = Math.max(length, batch.rowLength(r));
    }
    if (batch.tokenLabels() != null) {
      length = batch.length(); // token labels keep their positions
    }
    int full = batch.length();
    long[] ids = new long[rows * length];
    long[] mask = new long[rows * length];
    long[] types = batch.tokenTypeIds() == null ? null : new long[rows * length];
    long[] tokenLabels = batch.tokenLabels() == null ? null : new long[rows * length];
    for (int r = 0; r < rows; r++) {
      int src = (from + r) * full;
      System.arraycopy(batch.inputIds(), src, ids, r * length, length);
      System.arraycopy(batch.attentionMask(), src, mask, r * length, length);
      if (types != null) {
        System.arraycopy(batch.tokenTypeIds(), src, types, r * length, length);
      }
      if (tokenLabels != null) {
        System.arraycopy(batch.tokenLabels(), src, tokenLabels, r * length, length);
      }
    }
    int[] representation = batch.representationIndex() == null ? null
        : Arrays.copyOfRange(batch.representationIndex(), from, to);
    float[] labels = batch.labels() == null ? null : Arrays.copyOfRange(batch.labels(), from, to);
    return new EncodedBatch(rows, length, ids, mask, types, representation, labels, tokenLabels);
  }

  /** {@code batch} in consecutive slices of at most {@code size} rows. */
  public static List<EncodedBatch> chunks(EncodedBatch batch, int size) {
    List<EncodedBatch> chunks = new ArrayList<>();
    for (int from = 0; from < batch.size(); from += size) {
      chunks.add(slice(batch, from, Math.min(batch.size(), from + size)));
    }
    return chunks;
  }
}
