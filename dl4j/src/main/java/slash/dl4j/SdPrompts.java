package slash.dl4j;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.model.EncoderHooks.Sequence;

/**
 * Prompt positions in front of the sequence (WARP_n, JR-WARP) on SameDiff, the twin of the DJL
 * engine's DjlPrompts: prepended with an attended mask, dropped before the head.
 */
public final class SdPrompts {
  private SdPrompts() {}

  /** {@code prompts} [n, H], the same for every row, in front of every sequence. */
  public static Sequence<SDVariable> prepend(SameDiff sd, Sequence<SDVariable> sequence,
      SDVariable prompts, long n, long hidden) {
    return prepend(sd, sequence, prompts, n, hidden, null);
  }

  /**
   * As {@link #prepend(SameDiff, Sequence, SDVariable, long, long)}, plus {@code perRow} ([1 or
   * B, n, H], null for none) added to the prompts: per-example copies.
   */
  public static Sequence<SDVariable> prepend(SameDiff sd, Sequence<SDVariable> sequence,
      SDVariable prompts, long n, long hidden, SDVariable perRow) {
    SDVariable mask = sequence.mask();
    // A [B, 1] column of ones times a [1, k] row repeats the row for every sequence in the batch.
    SDVariable ones = sd.onesLike(mask.get(SDIndex.all(), SDIndex.interval(0, 1)));
    SDVariable expanded = sd.mmul(ones, prompts.reshape(1, n * hidden)).reshape(-1, n, hidden);
    if (perRow != null) {
      expanded = expanded.add(perRow);
    }
    SDVariable promptMask = sd.mmul(ones, sd.constant(Nd4j.ones(DataType.FLOAT, 1, n)));
    return new Sequence<>(sd.concat(1, expanded, sequence.hidden()),
        sd.concat(1, promptMask, mask));
  }

  /** The final states without the first {@code n} (prompt) positions. */
  public static SDVariable drop(SameDiff sd, SDVariable hidden, int n) {
    // size -1: to the end (an interval ending at a graph variable selects everything in M2.1)
    return sd.slice(hidden, new int[] {0, n, 0}, -1, -1, -1);
  }
}
