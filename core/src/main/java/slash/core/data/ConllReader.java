package slash.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CoNLL-2003 files: one {@code word POS chunk NER} line per token, blank lines between
 * sentences, {@code -DOCSTART-} lines between documents. Tags may be IOB1 (the original release) or
 * IOB2; both are normalised to IOB2, which is what seqeval scores.
 */
public final class ConllReader {
  private static final List<String> LABELS = Task.CONLL2003.labels();

  private ConllReader() {}

  public static List<TokenExample> read(Path file) {
    List<TokenExample> sentences = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    int columns = -1;
    try (BufferedReader reader = GlueReader.open(file)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("-DOCSTART-")) {
          flush(words, tags, sentences);
          continue;
        }
        String[] fields = trimmed.split("\\s+");
        if (columns < 0) {
          columns = fields.length;
          if (columns < 2) {
            throw new DataFormatException(file, lineNumber,
                "expected a word and its NER tag separated by whitespace, found one column");
          }
        } else if (fields.length != columns) {
          throw new DataFormatException(file, lineNumber,
              "expected " + columns + " columns like the lines before, found " + fields.length);
        }
        String tag = fields[fields.length - 1];
        if (!LABELS.contains(tag)) {
          throw new DataFormatException(file, lineNumber,
              "unknown NER tag '" + tag + "'; expected one of " + LABELS);
        }
        words.add(fields[0]);
        tags.add(tag);
      }
      flush(words, tags, sentences);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (sentences.isEmpty()) {
      throw new DataFormatException(file, 0, "empty file: no sentences");
    }
    return sentences;
  }

  private static void flush(List<String> words, List<String> tags, List<TokenExample> into) {
    if (words.isEmpty()) {
      return;
    }
    List<Integer> ids = new ArrayList<>(tags.size());
    for (String tag : toIob2(tags)) {
      ids.add(LABELS.indexOf(tag));
    }
    into.add(new TokenExample(words, ids));
    words.clear();
    tags.clear();
  }

  /** IOB1 starts an entity with I- unless it follows one of the same type; IOB2 always uses B-. */
  public static List<String> toIob2(List<String> tags) {
    List<String> out = new ArrayList<>(tags.size());
    String previous = "O";
    for (String tag : tags) {
      if (tag.startsWith("I-")) {
        String type = tag.substring(2);
        boolean continues = !previous.equals("O") && previous.substring(2).equals(type);
        out.add(continues ? tag : "B-" + type);
      } else {
        out.add(tag);
      }
      previous = tag;
    }
    return out;
  }
}
