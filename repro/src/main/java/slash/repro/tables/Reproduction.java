package slash.repro.tables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import slash.baselines.linear.LinearConfig;
import slash.core.config.RunConfig;
import slash.core.data.Task;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderSources;
import slash.core.train.RunResult;
import slash.repro.paper.PaperTables;

/**
 * The whole reproduction at one scale: plan the runs of the chosen tables, run what is missing,
 * write every table (Markdown, CSV, JSON) and Figure 1 into the results folder.
 */
public final class Reproduction {
  private final ReproRunner runner;
  private final ScalePlan plan;
  private final Path results;

  public Reproduction(ReproRunner runner) {
    this.runner = runner;
    this.plan = runner.scalePlan();
    this.results = runner.results();
  }

  /** Runs and reports {@code tables}; returns the files' stems, e.g. {@code table3}. */
  public List<String> run(List<TableSpec> tables) {
    long start = System.nanoTime();
    boolean anyData = tables.stream().flatMap(t -> t.columns().stream())
        .anyMatch(runner::hasData);
    if (!anyData) {
      // Tables of nothing but "no data" would overwrite real results: refuse instead.
      throw new IllegalArgumentException("no task files under " + plan.dataDir()
          + " for these tables (expected <data>/<task>/train.tsv and dev.tsv); run "
          + "'./slash fetch-data' or pass --data DIR. Nothing was written.");
    }
    EncoderConfig encoder = encoder();
    Map<String, PlannedRun> runs = runner.plan(tables, encoder);
    Set<String> resumed = runs.values().stream().filter(runner::isDone).map(PlannedRun::key)
        .collect(Collectors.toSet());
    Map<String, RunResult> done = runner.runAll(runs);
    double wall = (System.nanoTime() - start) / 1e9;
    PaperTables paper = PaperTables.load();
    TableCells cells = new TableCells(plan, runner, encoder, done, paper);
    List<String> written = new ArrayList<>();
    List<Cell> table2Cells = null;
    TableSpec table2 = null;
    for (TableSpec table : tables) {
      boolean multiPart = PaperTableSpecs.table(table.number()).size() > 1;
      String id = table.id(multiPart);
      List<Cell> tableCells = cells.cells(table);
      Provenance provenance = provenance(table, runner, encoder, done, resumed, wall);
      TableReport report = new TableReport(table, tableCells, provenance, encoder, paper);
      report.write(results, id);
      written.add(id);
      if (table.number() == 2) {
        table2 = table;
        table2Cells = tableCells;
      }
    }
    if (table2 != null) {
      Map<String, long[]> counts = new TableReport(table2, table2Cells, null, encoder, paper)
          .parameterCounts();
      List<String> tasksWithData = table2.columns().stream().filter(runner::hasData)
          .map(Column::paperName).toList();
      Figure1.write(results, Figure1.paper(paper), Figure1.ours(table2, table2Cells, counts),
          plan.scale().name().toLowerCase(Locale.ROOT) + " scale, " + describe(encoder) + ", "
              + plan.engine().name().toLowerCase(Locale.ROOT),
          "ours over " + String.join(", ", tasksWithData) + "; paper over all 8 GLUE tasks");
      written.add("figure1");
    }
    return written;
  }

  /** The encoder of this scale, for sizes (d = max, W = I) and parameter counts. */
  EncoderConfig encoder() {
    RunConfig probe = RunConfig.defaults(Task.SST2, plan.scale(), new LinearConfig());
    if (plan.model() != null) {
      probe = probe.withModel(plan.model());
    }
    return EncoderSources.load(probe, runner.cache()).config();
  }

  private Provenance provenance(TableSpec table, ReproRunner runner, EncoderConfig encoder,
      Map<String, RunResult> done, Set<String> resumed, double wall) {
    Map<String, PlannedRun> mine = runner.plan(List.of(table), encoder);
    double training = 0;
    String version = "";
    String device = "";
    for (String key : mine.keySet()) {
      RunResult result = done.get(key);
      if (result != null && result.error() == null) {
        training += result.secondsPerEpoch() * result.epochs().size();
        version = result.engineVersion();
        device = result.device();
      }
    }
    return new Provenance(Provenance.gitCommit(Path.of(".")),
        plan.scale().name().toLowerCase(Locale.ROOT),
        plan.engine().name().toLowerCase(Locale.ROOT), version, device, Provenance.now(),
        plan.seeds(), plan.sweep(), training, wall, mine.size(),
        (int) mine.keySet().stream().filter(resumed::contains).count());
  }

  private static String describe(EncoderConfig encoder) {
    return encoder.modelType() + " " + encoder.layers() + "x" + encoder.hidden();
  }
}
