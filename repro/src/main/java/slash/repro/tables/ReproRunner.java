package slash.repro.tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Split;
import slash.core.data.TaskFiles;
import slash.core.io.PortablePaths;
import slash.core.model.EncoderConfig;
import slash.core.train.ConsoleProgress;
import slash.core.train.RunResult;
import slash.core.train.Runs;

/**
 * Turns table specs into runs and runs them: every run a table needs, once, skipping those that
 * already have a result (so an interrupted reproduction resumes), recording a failed run with its
 * error instead of stopping. Results go to {@code <results>/runs/<key>.json}; checkpoints to a
 * work folder, where a half-finished run resumes from its last epoch.
 */
public final class ReproRunner {
  private final ScalePlan plan;
  private final Path results;
  private final Path work;
  private final Path cache;
  private final Function<RunConfig, Runs.SessionFactory> engines;

  public ReproRunner(ScalePlan plan, Path results, Path work, Path cache,
      Function<RunConfig, Runs.SessionFactory> engines) {
    this.plan = plan;
    this.results = results;
    this.work = work;
    this.cache = cache;
    this.engines = engines;
  }

  public ScalePlan scalePlan() {
    return plan;
  }

  public Path results() {
    return results;
  }

  public Path cache() {
    return cache;
  }

  /** Every run of {@code tables} whose task has data, keyed; the same config appears once. */
  public Map<String, PlannedRun> plan(List<TableSpec> tables, EncoderConfig encoder) {
    Map<String, PlannedRun> runs = new LinkedHashMap<>();
    for (TableSpec table : tables) {
      if (table.pending()) {
        continue;
      }
      for (RowSpec row : table.rows()) {
        for (Variant variant : row.variants()) {
          for (Column column : table.columns()) {
            if (!hasData(column) || plan.measuredByBenchmarks(column)) {
              continue;
            }
            plan.cellRuns(table, variant, column, encoder).stream().flatMap(List::stream)
                .forEach(run -> runs.putIfAbsent(run.key(), run));
          }
        }
      }
    }
    return runs;
  }

  /** Whether the data folder has the train and dev files of a column's task (and test). */
  public boolean hasData(Column column) {
    return Files.isRegularFile(TaskFiles.path(plan.dataDir(), column.task(), Split.TRAIN))
        && Files.isRegularFile(TaskFiles.path(plan.dataDir(), column.task(), Split.DEV))
        && (column.measure() != Column.Measure.TEST_METRIC || Files.isRegularFile(
            TaskFiles.path(plan.dataDir(), column.task(), Split.TEST)));
  }

  /** Whether a run already has a successful result (a re-run skips it). */
  public boolean isDone(PlannedRun run) {
    return existing(run).map(result -> result.error() == null).orElse(false);
  }

  /** Runs what has no result yet; returns every planned run's result (failed ones included). */
  public Map<String, RunResult> runAll(Map<String, PlannedRun> runs) {
    Map<String, RunResult> out = new LinkedHashMap<>();
    List<PlannedRun> todo = runs.values().stream()
        .filter(r -> !isDone(r)).toList();
    System.out.printf(Locale.ROOT, "%d runs planned, %d already done, %d to run%n", runs.size(),
        runs.size() - todo.size(), todo.size());
    // the code that runs them, recorded in every result (the working tree's, "+changes" if dirty)
    String commit = Provenance.gitCommit(Path.of("."));
    long start = System.nanoTime();
    int done = 0;
    for (PlannedRun run : todo) {
      RunResult result = runOne(run, commit);
      done++;
      double elapsed = (System.nanoTime() - start) / 1e9;
      double eta = elapsed / done * (todo.size() - done);
      System.out.printf(Locale.ROOT, "[%d/%d] %-60s %s  (%.0f s elapsed, ETA %.0f s)%n", done,
          todo.size(), run.key(), result.error() == null ? String.format(Locale.ROOT, "%.2f",
              result.primary()) : "FAILED: " + result.error(), elapsed, eta);
    }
    for (PlannedRun run : runs.values()) {
      existing(run).ifPresent(result -> out.put(run.key(), result));
    }
    return out;
  }

  private RunResult runOne(PlannedRun run, String commit) {
    Path runDir = work.resolve(run.key());
    RunResult result;
    try {
      result = Runs.train(run.config(), runDir, cache, engines.apply(run.config()),
          plan.scale() == Scale.SMOKE ? List.of() : List.of(new ConsoleProgress()));
    } catch (RuntimeException e) {
      result = RunResult.failed(run.config(), e);
    }
    result = result.withCommit(commit);
    // results/ are committed: no absolute home, cache or checkout path in them
    result.portable(PortablePaths.here()).write(resultFile(run));
    return result;
  }

  private Optional<RunResult> existing(PlannedRun run) {
    Path file = resultFile(run);
    return Files.isRegularFile(file) ? Optional.of(RunResult.read(file))
        : Optional.empty();
  }

  private Path resultFile(PlannedRun run) {
    return results.resolve("runs").resolve(run.key() + ".json");
  }
}
