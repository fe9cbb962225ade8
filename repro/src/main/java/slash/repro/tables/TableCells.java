package slash.repro.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.core.train.RunResult;
import slash.repro.bench.BenchResults;
import slash.repro.paper.PaperCell;
import slash.repro.paper.PaperTables;

/**
 * Fills a table spec from run results: per cell the mean and std over seeds of the best learning
 * rate and the best variant (by mean), or the reason there is no value; the paper's value beside.
 */
public final class TableCells {
  private final ScalePlan plan;
  private final ReproRunner runner;
  private final EncoderConfig encoder;
  private final Map<String, RunResult> results;
  private final PaperTables paper;
  private final EpochBenchmarks benchmarks;

  public TableCells(ScalePlan plan, ReproRunner runner, EncoderConfig encoder,
      Map<String, RunResult> results, PaperTables paper, EpochBenchmarks benchmarks) {
    this.plan = plan;
    this.runner = runner;
    this.encoder = encoder;
    this.results = results;
    this.paper = paper;
    this.benchmarks = benchmarks;
  }

  public List<Cell> cells(TableSpec table) {
    List<Cell> cells = new ArrayList<>();
    for (RowSpec row : table.rows()) {
      for (Column column : table.columns()) {
        Optional<PaperCell> p = paper.cell(String.valueOf(table.number()), table.model().id(),
            row.paperRow(), column.paperName());
        Double paperValue = p.map(PaperCell::value).orElse(null);
        Double paperStd = p.map(PaperCell::std).orElse(null);
        cells.add(ours(table, row, column, paperValue, paperStd));
      }
    }
    return cells;
  }

  private Cell ours(TableSpec table, RowSpec row, Column column, Double paperValue,
      Double paperStd) {
    String r = row.paperRow();
    String c = column.paperName();
    if (table.pending()) {
      return new Cell(r, c, null, null, 0, paperValue, paperStd, "pending: "
          + table.pendingReason());
    }
    if (!row.reproduced()) {
      return new Cell(r, c, null, null, 0, paperValue, paperStd, "paper only: " + row.why());
    }
    if (plan.measuredByBenchmarks(column)) {
      return measured(row, column, paperValue, paperStd);
    }
    Optional<String> notRun = plan.notRun(column.task());
    if (notRun.isPresent()) {
      return new Cell(r, c, null, null, 0, paperValue, paperStd, "not at this budget: "
          + notRun.get());
    }
    double[] best = null;
    String privacy = null;
    List<String> bestRuns = List.of();
    // a cell is filled from every result there is (committed ones included), data here or not
    String failure = runner.hasData(column) ? null : "no data";
    for (Variant variant : row.variants()) {
      for (List<PlannedRun> seeds : plan.cellRuns(table, variant, column, encoder)) {
        List<Double> values = new ArrayList<>();
        for (PlannedRun run : seeds) {
          RunResult result = results.get(run.key());
          if (result == null) {
            failure = failure == null ? "not run" : failure;
          } else if (result.error() != null) {
            failure = "failed: " + result.error();
          } else if (column.measure() == Column.Measure.TEST_METRIC
              && result.testMetrics() == null) {
            failure = "no data";
          } else {
            values.add(measure(result, column.measure()));
          }
        }
        if (values.size() == plan.seeds()) {
          double[] stats = meanAndStd(values);
          if (best == null || better(stats[0], best[0], column.measure())) {
            best = stats;
            bestRuns = seeds.stream().map(PlannedRun::key).toList();
            RunResult first = results.get(seeds.get(0).key());
            privacy = first.privacy() == null ? null : "accountant " + first.privacy().line()
                + String.format(java.util.Locale.ROOT, ", expected batch %.0f",
                    first.privacy().expectedBatch());
          }
        }
      }
    }
    if (best == null) {
      return new Cell(r, c, null, null, 0, paperValue, paperStd, failure);
    }
    return new Cell(r, c, best[0], plan.seeds() > 1 ? best[1] : null, plan.seeds(), paperValue,
        paperStd, "ok", privacy, bestRuns);
  }

  /** A time or memory cell from the JMH EpochTime result of the row's (first) variant. */
  private Cell measured(RowSpec row, Column column, Double paperValue, Double paperStd) {
    MethodConfig method = row.variants().get(0).method();
    Optional<BenchResults.Row> found = benchmarks.find(plan.engine(), plan.scale(), method);
    if (found.isEmpty()) {
      return new Cell(row.paperRow(), column.paperName(), null, null, 0, paperValue, paperStd,
          benchmarks.missing(method));
    }
    BenchResults.Row bench = found.get();
    boolean time = column.measure() == Column.Measure.EPOCH_SECONDS;
    Double value = time ? bench.seconds().value() : bench.peakRssGb();
    if (value.isNaN()) {
      return new Cell(row.paperRow(), column.paperName(), null, null, 0, paperValue, paperStd,
          "no data: the " + EpochBenchmarks.BENCHMARK + " run of " + method.label()
              + " has no peak RSS (run it with -prof slash.jmh.PeakMemoryProfiler)");
    }
    // the time's spread is JMH's error; a single peak has none
    Double error = time && !Double.isNaN(bench.seconds().error()) ? bench.seconds().error()
        : null;
    return new Cell(row.paperRow(), column.paperName(), value, error, 1, paperValue, paperStd,
        "ok");
  }

  private static boolean better(double candidate, double incumbent, Column.Measure measure) {
    boolean lowerIsBetter = measure.isCost();
    return lowerIsBetter ? candidate < incumbent : candidate > incumbent;
  }

  static double measure(RunResult result, Column.Measure measure) {
    return switch (measure) {
      case DEV_METRIC -> result.primary();
      case EPOCH_SECONDS -> result.secondsPerEpoch();
      case PEAK_MEMORY_GB -> result.peakRssBytes() / 1e9;
      case TEST_METRIC -> result.testMetrics().get(result.config().task().primaryMetric().key());
    };
  }

  /** Mean and sample standard deviation (0 for one value). */
  static double[] meanAndStd(List<Double> values) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return new double[] {mean, values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0};
  }
}
