package slash.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads GLUE task files in their official TSV layout. Columns are split on tabs only: quote
 * characters are ordinary text (QQP and MNLI contain stray quotes that would make a CSV parser
 * swallow lines). Every problem is reported with file and line.
 */
public final class GlueReader {
  private GlueReader() {}

  public static List<SentenceExample> read(Task task, Path file) {
    GlueLayout layout = GlueLayout.of(task);
    List<SentenceExample> examples = new ArrayList<>();
    try (BufferedReader reader = open(file)) {
      String line = reader.readLine();
      int lineNumber = 1;
      if (line == null) {
        throw new DataFormatException(file, 0, "empty file");
      }
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1); // a UTF-8 byte-order mark, as MRPC's official files have
      }
      int columns;
      int firstIndex;
      int secondIndex = -1;
      int labelIndex;
      if (layout.hasHeader()) {
        List<String> header = Arrays.asList(split(line));
        columns = header.size();
        for (String required : layout.requiredColumns()) {
          if (!header.contains(required)) {
            throw new DataFormatException(file, 1, "header has no column '" + required
                + "' (found " + header + "); is this a " + task.dirName() + " file?");
          }
        }
        firstIndex = header.indexOf(layout.firstColumn());
        if (layout.secondColumn() != null) {
          secondIndex = header.indexOf(layout.secondColumn());
        }
        labelIndex = header.indexOf(layout.labelColumn());
        line = reader.readLine();
        lineNumber++;
      } else {
        columns = layout.columns();
        firstIndex = layout.firstIndex();
        labelIndex = layout.labelIndex();
      }
      for (; line != null; line = reader.readLine(), lineNumber++) {
        if (line.isEmpty()) {
          continue;
        }
        String[] fields = split(line);
        if (fields.length != columns) {
          throw new DataFormatException(file, lineNumber, "expected " + columns
              + " tab-separated columns, found " + fields.length);
        }
        String second = secondIndex >= 0 ? fields[secondIndex] : null;
        double label = parseLabel(task, fields[labelIndex], file, lineNumber);
        examples.add(new SentenceExample(fields[firstIndex], second, label));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (examples.isEmpty()) {
      throw new DataFormatException(file, 0, "no examples (only a header)");
    }
    return examples;
  }

  static BufferedReader open(Path file) throws IOException {
    try {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, "file not found");
    }
  }

  private static String[] split(String line) {
    return line.split("\t", -1);
  }

  private static double parseLabel(Task task, String raw, Path file, int line) {
    String value = raw.strip();
    if (task.kind() == TaskKind.REGRESSION) {
      try {
        double score = Double.parseDouble(value);
        if (!Double.isFinite(score)) {
          throw new NumberFormatException();
        }
        return score;
      } catch (NumberFormatException e) {
        throw new DataFormatException(file, line, "score '" + raw + "' is not a number");
      }
    }
    int index = task.labels().indexOf(value);
    if (index < 0) {
      throw new DataFormatException(file, line, "unknown label '" + raw + "' for "
          + task.dirName() + "; expected one of " + task.labels());
    }
    return index;
  }
}
