package slash.core.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import slash.core.data.SentenceExample;
import slash.core.data.TokenExample;
import slash.core.model.EncoderWeights;

/**
 * Turns examples into padded id batches with a Hugging Face tokenizer.json (WordPiece or byte-level
 * BPE). [CLS] layouts use the tokenizer's own template and longest-first truncation. The [MASK]
 * layout of the paper ({@code s1 <mask>} or {@code s1 <mask> s2} as one sequence) and NER word
 * alignment are assembled from pieces, so truncation never cuts the mask token away.
 */
public final class BatchTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final SpecialTokens special;
  private final long[] prefix;
  private final long[] suffix;
  private final int maxLength;

  private BatchTokenizer(HuggingFaceTokenizer tokenizer, SpecialTokens special, int maxLength) {
    this.tokenizer = tokenizer;
    this.special = special;
    this.maxLength = maxLength;
    // The single-sequence template around content, e.g. [CLS] ... [SEP] or <s> ... </s>.
    Encoding probe = tokenizer.encode("a", true, false);
    long[] ids = probe.getIds();
    long[] specialMask = probe.getSpecialTokenMask();
    int firstContent = 0;
    while (firstContent < ids.length && specialMask[firstContent] == 1) {
      firstContent++;
    }
    int lastContent = ids.length - 1;
    while (lastContent >= 0 && specialMask[lastContent] == 1) {
      lastContent--;
    }
    this.prefix = Arrays.copyOfRange(ids, 0, firstContent);
    this.suffix = Arrays.copyOfRange(ids, lastContent + 1, ids.length);
  }

  /**
   * The tokenizer of {@code weights}, truncating at {@code maxLength} or at the encoder's number
   * of positions, whichever is fewer: what training, evaluation and prediction all encode with.
   */
  public static BatchTokenizer forEncoder(EncoderWeights weights, int maxLength) {
    return load(weights.tokenizer(), Math.min(maxLength, weights.config().maxSequenceLength()));
  }

  public static BatchTokenizer load(Path tokenizerJson, int maxLength) {
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new IllegalArgumentException("tokenizer file not found: " + tokenizerJson);
    }
    if (maxLength < 8) {
      throw new IllegalArgumentException("maxLength must be at least 8, was " + maxLength);
    }
    try {
      HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
          .optTokenizerPath(tokenizerJson)
          .optAddSpecialTokens(true)
          .optTruncation(true)
          .optMaxLength(maxLength)
          .optPadding(false)
          .build();
      return new BatchTokenizer(tokenizer, SpecialTokens.read(tokenizerJson), maxLength);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load tokenizer " + tokenizerJson, e);
    }
  }

  public int maxLength() {
    return maxLength;
  }

  public long maskId() {
    return special.maskId();
  }

  public long padId() {
    return special.padId();
  }

  public List<String> tokens(long[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (long id : ids) {
      out.add(tokenizer.decode(new long[] {id}, false));
    }
    return out;
  }

  /** Encodes sentence examples; labels are the class index or score. */
  public EncodedBatch encode(List<SentenceExample> batch, Representation representation) {
    List<Row> rows = new ArrayList<>(batch.size());
    for (SentenceExample example : batch) {
      rows.add(representation == Representation.CLS ? clsRow(example) : maskRow(example));
    }
    float[] labels = new float[batch.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (float) batch.get(i).label();
    }
    return pad(rows, labels, false);
  }

  /** Encodes NER sentences; the first sub-word of each word carries its tag, the rest are ignored. */
  public EncodedBatch encodeTokens(List<TokenExample> batch) {
    List<Row> rows = new ArrayList<>(batch.size());
    int budget = maxLength - prefix.length - suffix.length;
    for (TokenExample example : batch) {
      List<Long> ids = new ArrayList<>();
      List<Long> labels = new ArrayList<>();
      add(ids, prefix);
      repeat(labels, EncodedBatch.IGNORE, prefix.length);
      for (int w = 0; w < example.words().size(); w++) {
        // Byte-level BPE marks word starts with a leading space (add_prefix_space for words);
        // WordPiece ignores it.
        long[] piece = pieces((w == 0 ? "" : " ") + example.words().get(w));
        if (piece.length == 0) {
          continue;
        }
        if (ids.size() - prefix.length + piece.length > budget) {
          break;
        }
        add(ids, piece);
        labels.add((long) example.tags().get(w));
        repeat(labels, EncodedBatch.IGNORE, piece.length - 1);
      }
      add(ids, suffix);
      repeat(labels, EncodedBatch.IGNORE, suffix.length);
      rows.add(new Row(toArray(ids), new long[ids.size()], 0, toArray(labels)));
    }
    return pad(rows, null, true);
  }

  private Row clsRow(SentenceExample example) {
    Encoding encoding = example.isPair()
        ? tokenizer.encode(example.first(), example.second(), true, false)
        : tokenizer.encode(example.first(), true, false);
    return new Row(encoding.getIds(), encoding.getTypeIds(), 0, null);
  }

  private Row maskRow(SentenceExample example) {
    long[] first = pieces(example.first());
    long[] second = example.isPair() ? pieces(" " + example.second()) : new long[0];
    int budget = maxLength - prefix.length - suffix.length - 1;
    // Longest-first truncation, as the tokenizer does for pairs.
    int keepFirst = first.length;
    int keepSecond = second.length;
    while (keepFirst + keepSecond > budget) {
      if (keepFirst >= keepSecond) {
        keepFirst--;
      } else {
        keepSecond--;
      }
    }
    long[] ids = new long[prefix.length + keepFirst + 1 + keepSecond + suffix.length];
    int at = 0;
    System.arraycopy(prefix, 0, ids, at, prefix.length);
    at += prefix.length;
    System.arraycopy(first, 0, ids, at, keepFirst);
    at += keepFirst;
    int maskIndex = at;
    ids[at++] = special.maskId();
    System.arraycopy(second, 0, ids, at, keepSecond);
    at += keepSecond;
    System.arraycopy(suffix, 0, ids, at, suffix.length);
    return new Row(ids, new long[ids.length], maskIndex, null);
  }

  private long[] pieces(String text) {
    return tokenizer.encode(text, false, false).getIds();
  }

  private EncodedBatch pad(List<Row> rows, float[] labels, boolean tokens) {
    int length = 0;
    for (Row row : rows) {
      length = Math.max(length, row.ids.length);
    }
    int size = rows.size();
    long[] ids = new long[size * length];
    long[] mask = new long[size * length];
    long[] types = new long[size * length];
    long[] tokenLabels = tokens ? new long[size * length] : null;
    int[] representation = new int[size];
    Arrays.fill(ids, special.padId());
    if (tokens) {
      Arrays.fill(tokenLabels, EncodedBatch.IGNORE);
    }
    for (int i = 0; i < size; i++) {
      Row row = rows.get(i);
      System.arraycopy(row.ids, 0, ids, i * length, row.ids.length);
      System.arraycopy(row.types, 0, types, i * length, row.types.length);
      Arrays.fill(mask, i * length, i * length + row.ids.length, 1L);
      if (tokens) {
        System.arraycopy(row.tokenLabels, 0, tokenLabels, i * length, row.tokenLabels.length);
      }
      representation[i] = row.representationIndex;
    }
    return new EncodedBatch(size, length, ids, mask, types, representation, labels, tokenLabels);
  }

  private static void add(List<Long> into, long[] values) {
    for (long v : values) {
      into.add(v);
    }
  }

  private static void repeat(List<Long> into, long value, int times) {
    for (int i = 0; i < times; i++) {
      into.add(value);
    }
  }

  private static long[] toArray(List<Long> values) {
    long[] out = new long[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  private record Row(long[] ids, long[] types, int representationIndex, long[] tokenLabels) {}
}
