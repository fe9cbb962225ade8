package slash.repro.paper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paper's own numbers for Tables 2-9, transcribed from its text into {@code
 * paper/tables.tsv} by {@code tools/extract_paper_tables.py}. Reference data only: reports print
 * these beside our numbers, labelled as the paper's.
 */
public final class PaperTables {
  static final String RESOURCE = "/paper/tables.tsv";
  private static final String HEADER = "table\tpart\trow\tparams\tcolumn\tvalue\tstd";

  private final List<PaperCell> cells;

  private PaperTables(List<PaperCell> cells) {
    this.cells = List.copyOf(cells);
  }

  public static PaperTables load() {
    try (InputStream in = PaperTables.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PaperTables parse(BufferedReader reader) throws IOException {
    String header = reader.readLine();
    if (!HEADER.equals(header)) {
      throw new IllegalArgumentException(RESOURCE + ":1: expected header '" + HEADER + "'");
    }
    List<PaperCell> cells = new ArrayList<>();
    int lineNumber = 1;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 7) {
        throw new IllegalArgumentException(RESOURCE + ":" + lineNumber + ": expected 7 fields, "
            + "found " + f.length);
      }
      try {
        cells.add(new PaperCell(f[0], f[1], f[2], f[3], f[4], Double.parseDouble(f[5]),
            f[6].isEmpty() ? null : Double.parseDouble(f[6])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(RESOURCE + ":" + lineNumber + ": " + e.getMessage());
      }
    }
    return new PaperTables(cells);
  }

  public List<PaperCell> cells() {
    return cells;
  }

  /** Rows of one table part, in the paper's order, each as column -> cell. */
  public Map<String, Map<String, PaperCell>> rows(String table, String part) {
    Map<String, Map<String, PaperCell>> rows = new LinkedHashMap<>();
    for (PaperCell c : cells) {
      if (c.table().equals(table) && c.part().equals(part)) {
        rows.computeIfAbsent(c.row(), r -> new LinkedHashMap<>()).put(c.column(), c);
      }
    }
    return rows;
  }

  public Optional<PaperCell> cell(String table, String part, String row, String column) {
    return cells.stream().filter(c -> c.table().equals(table) && c.part().equals(part)
        && c.row().equals(row) && c.column().equals(column)).findFirst();
  }
}
