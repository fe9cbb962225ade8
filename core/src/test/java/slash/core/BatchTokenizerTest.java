package slash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.data.SentenceExample;
import slash.core.data.TokenExample;
import slash.core.model.MiniLm;
import slash.core.smoke.SmokeData;
import slash.core.smoke.SmokeTokenizers;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.text.BatchTokenizer;

class TextEncoderTest {
  @TempDir Path dir;

  private BatchTokenizer wordPiece(int maxLength) {
    Path file = dir.resolve("wp.json");
    SmokeTokenizers.writeWordPiece(file, SmokeData.vocabulary());
    return BatchTokenizer.load(file, maxLength);
  }

  private BatchTokenizer bpe(int maxLength) {
    Path file = dir.resolve("bpe.json");
    SmokeTokenizers.writeByteLevelBpe(file, List.of(new String[] {"Ġ", "t"},
        new String[] {"h", "e"}));
    return BatchTokenizer.load(file, maxLength);
  }

  private static long[] row(EncodedBatch batch, int i) {
    return Arrays.copyOfRange(batch.inputIds(), i * batch.length(), (i + 1) * batch.length());
  }

  @Test
  void wordPieceClsLayoutsUseTheTemplateAndTypeIds() {
    try (BatchTokenizer encoder = wordPiece(64)) {
      // [PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4, then the vocabulary in order: the=5, a=6
      EncodedBatch single = encoder.encode(List.of(new SentenceExample("The a", null, 1)),
          Representation.CLS);
      assertArrayEquals(new long[] {2, 5, 6, 3}, row(single, 0));
      assertEquals(0, single.representationIndex()[0]);
      assertEquals(1f, single.labels()[0]);
      EncodedBatch pair = encoder.encode(List.of(new SentenceExample("the", "a", 0)),
          Representation.CLS);
      assertArrayEquals(new long[] {2, 5, 3, 6, 3}, row(pair, 0));
      assertArrayEquals(new long[] {0, 0, 0, 1, 1}, pair.tokenTypeIds());
    }
  }

  @Test
  void maskLayoutPutsMaskAfterSingleAndBetweenPair() {
    try (BatchTokenizer encoder = wordPiece(64)) {
      EncodedBatch batch = encoder.encode(List.of(new SentenceExample("the a", null, 0),
          new SentenceExample("the", "a the", 1)), Representation.MASK);
      assertArrayEquals(new long[] {2, 5, 6, 4, 3, 0}, row(batch, 0)); // padded to the longest
      assertArrayEquals(new long[] {2, 5, 4, 6, 5, 3}, row(batch, 1));
      assertArrayEquals(new int[] {3, 2}, batch.representationIndex());
      assertEquals(5, batch.rowLength(0));
      assertArrayEquals(new long[12], batch.tokenTypeIds()); // one sequence: all type 0
    }
  }

  @Test
  void truncationNeverDropsTheMask() {
    try (BatchTokenizer encoder = wordPiece(8)) {
      String longText = "the a movie story man woman city today was is very";
      EncodedBatch batch = encoder.encode(List.of(new SentenceExample(longText, longText, 0),
          new SentenceExample(longText, null, 0)), Representation.MASK);
      assertEquals(8, batch.length());
      for (int i = 0; i < 2; i++) {
        long[] ids = row(batch, i);
        assertEquals(4, ids[batch.representationIndex()[i]], "row " + i + " lost its mask");
        assertEquals(3, ids[7]); // [SEP] still closes the row
      }
      EncodedBatch cls = encoder.encode(List.of(new SentenceExample(longText, longText, 0)),
          Representation.CLS);
      assertEquals(8, cls.length());
    }
  }

  @Test
  void byteLevelBpeLayouts() {
    try (BatchTokenizer encoder = bpe(32)) {
      EncodedBatch cls = encoder.encode(List.of(new SentenceExample("he", "the", 0)),
          Representation.CLS);
      List<String> tokens = encoder.tokens(row(cls, 0));
      // RoBERTa's pair template: <s> A </s></s> B </s>
      assertEquals("<s>", tokens.get(0));
      assertEquals(List.of("</s>", "</s>"), tokens.subList(2, 4));
      EncodedBatch mask = encoder.encode(List.of(new SentenceExample("he", "the", 0)),
          Representation.MASK);
      long[] ids = row(mask, 0);
      assertEquals(encoder.maskId(), ids[mask.representationIndex()[0]]);
      assertEquals(0, ids[0]); // <s>
      assertEquals(2, ids[ids.length - 1]); // </s>
      // the second sentence gets a word-initial space marker: the merge "Ġt" applies
      assertTrue(encoder.tokens(ids).stream().anyMatch(t -> t.strip().equals("t")));
      assertEquals(1, encoder.padId());
    }
  }

  @Test
  void nerLabelsGoToFirstSubwordOnly() {
    try (BatchTokenizer encoder = wordPiece(64)) {
      // "paris" is in the vocabulary; "zzz" splits into [UNK]; tags 5 and 0
      EncodedBatch batch = encoder.encodeTokens(List.of(
          new TokenExample(List.of("paris", "zzz"), List.of(5, 0))));
      assertArrayEquals(new long[] {EncodedBatch.IGNORE, 5, 0, EncodedBatch.IGNORE},
          batch.tokenLabels());
    }
  }

  @Test
  void realMiniLmTokenizerPadsDynamically() {
    try (BatchTokenizer encoder = BatchTokenizer.load(MiniLm.tokenizerFile(dir), 128)) {
      EncodedBatch batch = encoder.encode(List.of(
          new SentenceExample("A gripping, funny film.", null, 1),
          new SentenceExample("Dull.", null, 0)), Representation.MASK);
      // the file itself asks for fixed padding to 128; batches must pad to the longest row only
      assertTrue(batch.length() < 16, "length " + batch.length());
      assertEquals(101, batch.inputIds()[0]); // [CLS]
      assertEquals(103, row(batch, 1)[batch.representationIndex()[1]]); // [MASK]
      assertEquals(List.of("[CLS]", "dull", ".", "[MASK]", "[SEP]"),
          encoder.tokens(Arrays.copyOf(row(batch, 1), 5)));
    }
  }
}
