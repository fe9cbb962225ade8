package slash.repro.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/**
 * How well our ordering of a table's rows agrees with the paper's: Kendall's tau-b over the rows
 * that have both numbers, per column and on the row averages, with a permutation p-value (how
 * often shuffling our values over the rows gives a tau at least as far from 0) and a one-line
 * reading. 1 = the same order, -1 = reversed; absent (null) with fewer than two such rows or when
 * either side ties everywhere.
 */
public final class RankAgreement {
  /** The level below which a tau counts as resolved, either way. */
  static final double LEVEL = 0.05;
  /** Up to this many rows every permutation is counted (8! = 40,320); above, a seeded sample. */
  static final int EXACT_ROWS = 8;
  static final int SAMPLED_PERMUTATIONS = 20_000;

  private RankAgreement() {}

  /**
   * One column's agreement: tau-b over {@code rows} rows, its two-sided permutation p-value (null
   * where tau is), and what the two say together.
   */
  public record Tau(Double tau, int rows, Double pValue) {
    public String reading() {
      if (tau == null) {
        return "undefined";
      }
      if (pValue >= LEVEL) {
        return "not resolved at this scale";
      }
      return tau > 0 ? "consistent with the paper" : "contradicts the paper";
    }

    /** "+0.56 (p 0.03, 9 rows: consistent with the paper)". */
    public String describe() {
      return tau == null ? "– (" + rows + " rows)" : String.format(Locale.ROOT,
          "%+.2f (p %.2g, %d rows: %s)", tau, pValue, rows, reading());
    }
  }

  /** Kendall's tau-b of paired values (Apache Commons Math); null when undefined. */
  public static Double kendallTau(List<Double> ours, List<Double> paper) {
    if (ours.size() != paper.size()) {
      throw new IllegalArgumentException("unpaired values");
    }
    double tau = ours.size() < 2 ? Double.NaN : new KendallsCorrelation()
        .correlation(toArray(ours), toArray(paper));
    return Double.isNaN(tau) ? null : tau;
  }

  /** Tau with its permutation p-value; {@code Tau.tau} null when undefined. */
  public static Tau agreement(List<Double> ours, List<Double> paper) {
    Double tau = kendallTau(ours, paper);
    return new Tau(tau, ours.size(), tau == null ? null : pValue(ours, paper, tau));
  }

  /**
   * P(|tau| >= |observed|) over permutations of our values: exact up to {@link #EXACT_ROWS} rows,
   * else from {@link #SAMPLED_PERMUTATIONS} seeded shuffles, counted as (hits + 1) / (draws + 1)
   * so that a sampled p-value is never 0. Ties stay in the permuted values, as tau-b expects.
   */
  static double pValue(List<Double> ours, List<Double> paper, double observed) {
    double[] x = toArray(ours);
    double[] y = toArray(paper);
    double bar = Math.abs(observed) - 1e-12;
    KendallsCorrelation kendall = new KendallsCorrelation();
    if (x.length <= EXACT_ROWS) {
      long[] counts = new long[2];
      permute(x, 0, () -> {
        double t = kendall.correlation(x, y);
        counts[0]++;
        counts[1] += !Double.isNaN(t) && Math.abs(t) >= bar ? 1 : 0;
      });
      return (double) counts[1] / counts[0];
    }
    SplittableRandom random = new SplittableRandom(0);
    long hits = 0;
    for (int draw = 0; draw < SAMPLED_PERMUTATIONS; draw++) {
      for (int i = x.length - 1; i > 0; i--) {
        swap(x, i, random.nextInt(i + 1));
      }
      double t = kendall.correlation(x, y);
      hits += !Double.isNaN(t) && Math.abs(t) >= bar ? 1 : 0;
    }
    return (hits + 1.0) / (SAMPLED_PERMUTATIONS + 1.0);
  }

  /** Visits every order of {@code x[from..]}, swapping in place and back (recursive). */
  private static void permute(double[] x, int from, Runnable visit) {
    if (from == x.length - 1 || x.length == 0) {
      visit.run();
      return;
    }
    for (int i = from; i < x.length; i++) {
      swap(x, from, i);
      permute(x, from + 1, visit);
      swap(x, from, i);
    }
  }

  private static void swap(double[] x, int i, int j) {
    double t = x[i];
    x[i] = x[j];
    x[j] = t;
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
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
      out.put(column.paperName(), agreement(ours, paper));
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
      out.put("Avg.", agreement(ours, paper));
    }
    return out;
  }
}
