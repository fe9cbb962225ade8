package slash.repro.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well our ordering of a table's rows agrees with the paper's: Kendall's tau-b over the rows
 * that have both numbers, per column and on the row averages. 1 = the same order, -1 = reversed;
 * absent (null) with fewer than two such rows or when either side ties everywhere.
 */
public final class RankAgreement {
  private RankAgreement() {}

  /** One column's agreement: tau over {@code rows} rows. */
  public record Tau(Double tau, int rows) {}

  /** Kendall's tau-b of paired values; null when undefined. */
  public static Double kendallTau(List<Double> ours, List<Double> paper) {
    int n = ours.size();
    if (n != paper.size()) {
      throw new IllegalArgumentException("unpaired values");
    }
    long concordant = 0;
    long discordant = 0;
    long tiesOurs = 0;
    long tiesPaper = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int a = Double.compare(ours.get(i), ours.get(j));
        int b = Double.compare(paper.get(i), paper.get(j));
        if (a == 0 && b == 0) {
          continue;
        } else if (a == 0) {
          tiesOurs++;
        } else if (b == 0) {
          tiesPaper++;
        } else if (a == b) {
          concordant++;
        } else {
          discordant++;
        }
      }
    }
    double denominator = Math.sqrt((double) (concordant + discordant + tiesOurs)
        * (concordant + discordant + tiesPaper));
    return denominator == 0 ? null : (concordant - discordant) / denominator;
  }

  /** Per column of {@code table} (and "Avg." over rows whose every column has both values). */
  public static Map<String, Tau> of(TableSpec table, List<Cell> cells,
      Map<String, Double> paperAverages) {
    Map<String, Tau> out = new LinkedHashMap<>();
    for (Column column : table.columns()) {
      List<Double> ours = new ArrayList<>();
      List<Double> paper = new ArrayList<>();
      for (Cell c : cells) {
        if (c.column().equals(column.paperName()) && c.hasOurs() && c.paper() != null) {
          ours.add(c.ours());
          paper.add(c.paper());
        }
      }
      out.put(column.paperName(), new Tau(ours.size() < 2 ? null
          : kendallTau(ours, paper), ours.size()));
    }
    if (!paperAverages.isEmpty()) {
      List<Double> ours = new ArrayList<>();
      List<Double> paper = new ArrayList<>();
      for (RowSpec row : table.rows()) {
        List<Cell> mine = cells.stream().filter(c -> c.row().equals(row.paperRow())).toList();
        Double paperAvg = paperAverages.get(row.paperRow());
        if (paperAvg != null && !mine.isEmpty() && mine.stream().allMatch(Cell::hasOurs)) {
          ours.add(mine.stream().mapToDouble(Cell::ours).average().orElseThrow());
          paper.add(paperAvg);
        }
      }
      out.put("Avg.", new Tau(ours.size() < 2 ? null : kendallTau(ours, paper), ours.size()));
    }
    return out;
  }
}
