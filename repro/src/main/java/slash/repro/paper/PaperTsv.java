package slash.repro.paper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rows of a tab-separated paper-data resource (a header line, then one row a line, blank lines
 * skipped), each parsed by {@code row}; a row that does not parse fails naming resource and line.
 */
public final class PaperTsv {
  private PaperTsv() {}

  public static <T> List<T> read(String resource, Function<String[], T> row) {
    List<T> rows = new ArrayList<>();
    try (InputStream in = PaperTsv.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8));
      reader.readLine(); // header
      String line;
      int number = 1;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          rows.add(row.apply(line.split("\t", -1)));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(resource + ":" + number + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
