package slash.repro.tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import slash.core.config.Scale;
import slash.core.data.Split;
import slash.core.data.Task;
import slash.core.data.TaskFiles;
import slash.core.io.PortablePaths;
import slash.core.model.EncoderConfig;
import slash.core.train.RunResult;
import slash.repro.exec.LocalRunExecutor;
import slash.repro.exec.RunExecutor;
import slash.repro.exec.RunTrainer;

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
  private final RunTrainer.Engines engines;
  private final RunExecutor executor;
  private final boolean reuseResults;
  /** The tasks whose runs this runner trains (null: every task with data). */
  private final Set<Task> selected;

  public ReproRunner(ScalePlan plan, Path results, Path work, Path cache,
      RunTrainer.Engines engines) {
    this(plan, results, work, cache, engines, false);
  }

  /** {@code reuseResults}: committed per-run results count as done ({@link #isDone}). */
  public ReproRunner(ScalePlan plan, Path results, Path work, Path cache,
      RunTrainer.Engines engines, boolean reuseResults) {
    this(plan, results, work, cache, engines, reuseResults, null, new LocalRunExecutor());
  }

  private ReproRunner(ScalePlan plan, Path results, Path work, Path cache,
      RunTrainer.Engines engines, boolean reuseResults,
      Set<Task> selected, RunExecutor executor) {
    this.executor = executor;
    this.selected = selected == null ? null : Set.copyOf(selected);
    this.reuseResults = reuseResults;
    this.plan = plan;
    this.results = results;
    this.work = work;
    this.cache = cache;
    this.engines = engines;
  }

  /**
   * This runner training only {@code tasks}' runs ({@code --tasks}): a long reproduction paid a
   * column at a time; every other run's result still fills its cells.
   */
  public ReproRunner onlyTasks(Set<Task> tasks) {
    return new ReproRunner(plan, results, work, cache, engines, reuseResults, tasks, executor);
  }

  /** This runner training its pending runs on {@code other} ({@code --executor}). */
  public ReproRunner on(RunExecutor other) {
    return new ReproRunner(plan, results, work, cache, engines, reuseResults, selected, other);
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

  /**
   * Every run of {@code tables}, keyed; the same config appears once. Runs of tasks without data
   * here are planned too: they are not trained, but their results (committed ones) fill cells.
   */
  public Map<String, PlannedRun> plan(List<TableSpec> tables, EncoderConfig encoder) {
    Map<String, PlannedRun> runs = new LinkedHashMap<>();
    for (TableSpec table : tables) {
      if (table.pending()) {
        continue;
      }
      for (RowSpec row : table.rows()) {
        for (Variant variant : row.variants()) {
          for (Column column : table.columns()) {
            if (plan.measuredByBenchmarks(column)) {
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
    Path dir = plan.dataDir(column.task());
    return TaskFiles.exists(dir, column.task(), Split.TRAIN)
        && TaskFiles.exists(dir, column.task(), Split.DEV)
        && (column.measure() != Column.Measure.TEST_METRIC
            || TaskFiles.exists(dir, column.task(), Split.TEST));
  }

  /** Whether a run can train here: its task's train and dev files are there. */
  public boolean canTrain(PlannedRun run) {
    Path dir = run.config().dataPath();
    return TaskFiles.exists(dir, run.config().task(), Split.TRAIN)
        && TaskFiles.exists(dir, run.config().task(), Split.DEV);
  }

  /**
   * Whether a run needs no training now. By default, when this checkout trained it (its work
   * folder holds a finished result): committed results are references, and what has data here
   * is trained again. With {@code reuseResults}, when {@code <results>/runs/} holds a successful
   * result, wherever it ran: how a long reproduction resumes on another machine.
   */
  public boolean isDone(PlannedRun run) {
    if (reuseResults) {
      return existing(run).map(result -> result.error() == null).orElse(false);
    }
    Path local = work.resolve(run.key()).resolve(slash.core.train.RunFolder.RESULT);
    return Files.isRegularFile(local) && Files.isRegularFile(resultFile(run))
        && RunResult.read(local).error() == null;
  }

  /** What a reproduction trained and kept: the results, and what could not be trained here. */
  public record Outcome(Map<String, RunResult> results, Map<String, RunResult> before,
      Set<String> trained, Map<Task, Integer> withoutData) {}

  /**
   * Trains what has data here and is not done; returns every planned run's result (committed
   * ones of tasks without data included, failed ones too), the results as they were before, and
   * which runs this call trained.
   */
  public Outcome runAll(Map<String, PlannedRun> runs) {
    Map<String, RunResult> before = results(runs);
    Map<Task, Integer> withoutData = new TreeMap<>();
    List<PlannedRun> todo = new ArrayList<>();
    int unselected = 0;
    for (PlannedRun run : runs.values()) {
      if (selected != null && !selected.contains(run.config().task())) {
        unselected++;
      } else if (!canTrain(run)) {
        withoutData.merge(run.config().task(), 1, Integer::sum);
      } else if (!isDone(run)) {
        todo.add(run);
      }
    }
    int noData = withoutData.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(Locale.ROOT, "%d runs planned: %d to train, %d already trained here%s, "
        + "%d without data here%s%n", runs.size(), todo.size(),
        runs.size() - todo.size() - noData - unselected, reuseResults ? " or committed" : "",
        noData, selected == null ? "" : ", " + unselected + " not selected (--tasks, "
            + "--render-only)");
    // the code that runs them, recorded in every result (the working tree's, "+changes" if dirty)
    RunTrainer trainer = new RunTrainer(work.toAbsolutePath().toString(),
        cache.toAbsolutePath().toString(), Provenance.gitCommit(Path.of(".")),
        plan.scale() == Scale.SMOKE, engines);
    long start = System.nanoTime();
    Set<String> trained = new java.util.LinkedHashSet<>();
    executor.execute(todo, trainer, (run, result) -> {
      // results/ are committed: no absolute home, cache or checkout path in them
      result.portable(PortablePaths.here()).write(resultFile(run));
      trained.add(run.key());
      int done = trained.size();
      double elapsed = (System.nanoTime() - start) / 1e9;
      double eta = elapsed / done * (todo.size() - done);
      System.out.printf(Locale.ROOT, "[%d/%d] %-60s %s  (%.0f s elapsed, %.1f runs/h, ETA %.0f s)"
          + "%n", done, todo.size(), run.key(), result.error() == null
              ? String.format(Locale.ROOT, "%.2f", result.primary())
              : "FAILED: " + result.error(), elapsed, done / elapsed * 3600, eta);
    });
    return new Outcome(results(runs), before, trained, withoutData);
  }

  private Map<String, RunResult> results(Map<String, PlannedRun> runs) {
    Map<String, RunResult> out = new LinkedHashMap<>();
    for (PlannedRun run : runs.values()) {
      existing(run).ifPresent(result -> out.put(run.key(), result));
    }
    return out;
  }

  /** Whether {@code <results>/runs/} holds a result of the run (failed ones included). */
  public boolean hasResult(PlannedRun run) {
    return Files.isRegularFile(resultFile(run));
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
