package slash.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EncodedBatchTest {
  private static final EncodedBatch TWO_ROWS = new EncodedBatch(2, 3,
      new long[] {101, 7, 102, 101, 102, 0}, new long[] {1, 1, 1, 1, 1, 0},
      new long[] {0, 0, 0, 0, 0, 0}, new int[] {0, 0}, new float[] {1, 0},
      new long[] {-100, 4, -100, -100, -100, -100});

  @Test
  void padsEveryRowOnTheRightWithMaskedIgnoredPositions() {
    EncodedBatch padded = TWO_ROWS.paddedTo(5, 0);
    assertArrayEquals(new long[] {101, 7, 102, 0, 0, 101, 102, 0, 0, 0}, padded.inputIds());
    assertArrayEquals(new long[] {1, 1, 1, 0, 0, 1, 1, 0, 0, 0}, padded.attentionMask());
    assertArrayEquals(new long[10], padded.tokenTypeIds());
    assertArrayEquals(new long[] {-100, 4, -100, -100, -100, -100, -100, -100, -100, -100},
        padded.tokenLabels());
    assertArrayEquals(TWO_ROWS.labels(), padded.labels());
    assertArrayEquals(TWO_ROWS.representationIndex(), padded.representationIndex());
    assertArrayEquals(new int[] {3, 2}, new int[] {padded.rowLength(0), padded.rowLength(1)});
  }

  @Test
  void theSameLengthIsTheSameBatchAndShorterIsRefused() {
    assertSame(TWO_ROWS, TWO_ROWS.paddedTo(3, 0));
    assertThrows(IllegalArgumentException.class, () -> TWO_ROWS.paddedTo(2, 0));
  }
}
