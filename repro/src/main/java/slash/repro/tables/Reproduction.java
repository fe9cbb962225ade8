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
import slash.core.model.EncoderWeights;
import slash.core.data.TaskData;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
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

  private final boolean forceModel;

  public Reproduction(ReproRunner runner) {
    this(runner, false);
  }

  /** {@code forceModel}: run full-scale tables on a model that is not the paper's for them. */
  public Reproduction(ReproRunner runner, boolean forceModel) {
    this.runner = runner;
    this.plan = runner.scalePlan();
    this.results = runner.results();
    this.forceModel = forceModel;
  }

  /** What each cell reports, for the footnotes and the provenance. */
  static final String REPORTED = "the final epoch's dev score (the model the run ends with, as "
      + "the released code evaluates it; NER test scores from the same final model); the best "
      + "epoch's score is in each run's result.json as bestMetrics, extra information only";

  /**
   * At full scale a table must run on the paper's model for it (the same architecture, layers,
   * hidden size and vocabulary), unless forced: "ours - paper" would compare different models.
   */
  static void requirePaperModel(List<TableSpec> tables, EncoderConfig encoder, String model,
      boolean force) {
    for (TableSpec table : tables) {
      EncoderConfig want = table.model().config();
      if (!table.model().sameShape(encoder) && !force) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "Table %d reports on %s "
            + "(%s, %d layers x hidden %d), but --model %s is %s, %d layers x hidden %d; pass the "
            + "paper's model for this table, or --force-model to run it anyway (the title will "
            + "say which encoder ran)", table.number(), table.model().id(), want.modelType(),
            want.layers(), want.hidden(), model, encoder.modelType(), encoder.layers(),
            encoder.hidden()));
      }
    }
  }

  /** Runs and reports {@code tables}; returns the files' stems, e.g. {@code table3}. */
  public List<String> run(List<TableSpec> tables) {
    long start = System.nanoTime();
    EncoderWeights weights = weights();
    EncoderConfig encoder = weights.config();
    if (plan.scale() == slash.core.config.Scale.FULL) {
      requirePaperModel(tables, encoder, plan.model(), forceModel);
    }
    Map<String, PlannedRun> runs = runner.plan(tables, encoder);
    boolean anything = runs.values().stream().anyMatch(r -> runner.canTrain(r)
        || runner.hasResult(r))
        || tables.stream().flatMap(t -> t.columns().stream())
            .anyMatch(plan::measuredByBenchmarks);
    if (!anything) {
      // Tables of nothing but "no data" would replace whatever is there: refuse instead.
      throw new IllegalArgumentException("no task files under " + plan.dataDir()
          + " for these tables (expected <data>/<task>/train.tsv and dev.tsv) and no run "
          + "results in " + results.resolve("runs") + "; run './slash fetch-data' or pass "
          + "--data DIR. Nothing was written.");
    }
    EncoderInfo encoderInfo = encoderInfo(encoder);
    Map<String, String> truncated = truncatedDev(tables, weights);
    Set<String> resumed = runs.values().stream().filter(runner::isDone).map(PlannedRun::key)
        .collect(Collectors.toSet());
    ReproRunner.Outcome outcome = runner.runAll(runs);
    Map<String, RunResult> done = outcome.results();
    double wall = (System.nanoTime() - start) / 1e9;
    PaperTables paper = PaperTables.load();
    EpochBenchmarks benchmarks = EpochBenchmarks.besideResults(results);
    TableCells cells = new TableCells(plan, runner, encoder, done, paper, benchmarks);
    TableCells before = new TableCells(plan, runner, encoder, outcome.before(), paper,
        benchmarks);
    FreshCells fresh = new FreshCells(outcome.trained());
    String qnliNote = plan.usesQnliSplit(Task.QNLI) ? slash.core.data.QnliDevSplit.sizes(
        plan.qnliSplit()).describe() + "; see data/mini/README.md" : null;
    List<String> written = new ArrayList<>();
    List<Cell> table2Cells = null;
    TableSpec table2 = null;
    for (TableSpec table : tables) {
      boolean multiPart = PaperTableSpecs.table(table.number()).size() > 1;
      String id = table.id(multiPart);
      List<Cell> tableCells = cells.cells(table);
      fresh.compare(id, before.cells(table), tableCells);
      Provenance provenance = provenance(table, runner, encoder, done, resumed, wall,
          encoderInfo, truncated);
      List<String> notes = new ArrayList<>(benchmarkNotes(table, benchmarks));
      notes.addAll(PlanNotes.of(table, plan));
      if (qnliNote != null && trainsQnli(table)) {
        notes.add(qnliNote);
      }
      TableReport report = new TableReport(table, tableCells, provenance, encoder, paper)
          .withNotes(notes);
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
      List<Cell> figureCells = table2Cells;
      List<String> tasksWithValues = table2.columns().stream()
          .filter(c -> figureCells.stream().anyMatch(cell -> cell.hasOurs()
              && cell.column().equals(c.paperName())))
          .map(Column::paperName).toList();
      Figure1.write(results, Figure1.paper(paper), Figure1.ours(table2, table2Cells, counts),
          plan.scale().name().toLowerCase(Locale.ROOT) + " scale, " + describe(encoder) + ", "
              + plan.engine().name().toLowerCase(Locale.ROOT),
          "ours over " + String.join(", ", tasksWithValues) + "; paper over all 8 GLUE tasks");
      written.add("figure1");
    }
    fresh.report().forEach(System.out::println);
    if (!outcome.withoutData().isEmpty()) {
      System.out.println(withoutDataLine(outcome.withoutData(), done.keySet(), runs));
    }
    return written;
  }

  /**
   * One line for the tasks that could not train here: "6 tasks had no data here: SST-2 (33 runs),
   * ...; their committed results (150 runs) were kept; `./slash fetch-data` gets them".
   */
  static String withoutDataLine(Map<Task, Integer> withoutData, Set<String> withResults,
      Map<String, PlannedRun> runs) {
    long kept = runs.values().stream().filter(r -> withoutData.containsKey(r.config().task())
        && withResults.contains(r.key())).count();
    return String.format(Locale.ROOT, "%d task%s had no data here: %s; %s; `./slash fetch-data` "
        + "or --data DIR gets them", withoutData.size(), withoutData.size() == 1 ? "" : "s",
        withoutData.entrySet().stream().map(e -> e.getKey().dirName() + " (" + e.getValue()
            + " runs)").collect(Collectors.joining(", ")),
        kept == 0 ? "their cells say \"no data\""
            : "their cells keep the " + kept + " committed run results there were");
  }

  /** Whether a table has a QNLI cell that training runs fill (not Table 5's JMH cells). */
  private boolean trainsQnli(TableSpec table) {
    return table.columns().stream().anyMatch(c -> c.task() == Task.QNLI
        && !plan.measuredByBenchmarks(c));
  }

  /** The footnote of a table whose cost cells come from JMH, naming what was measured. */
  private List<String> benchmarkNotes(TableSpec table, EpochBenchmarks benchmarks) {
    return table.columns().stream().filter(plan::measuredByBenchmarks).findFirst()
        .flatMap(c -> table.rows().stream().filter(RowSpec::reproduced)
            .map(r -> benchmarks.find(plan.engine(), plan.scale(), r.variants().get(0).method()))
            .flatMap(java.util.Optional::stream).findFirst())
        .map(row -> List.of(benchmarks.note(row))).orElse(List.of());
  }

  /** The encoder of this scale, for sizes (d = max, W = I) and parameter counts. */
  EncoderConfig encoder() {
    return weights().config();
  }

  private EncoderWeights weights() {
    RunConfig probe = RunConfig.defaults(Task.SST2, plan.scale(), new LinearConfig());
    if (plan.model() != null) {
      probe = probe.withModel(plan.model());
    }
    return EncoderSources.load(probe, runner.cache());
  }

  private String encoderName() {
    if (plan.model() != null) {
      return Path.of(plan.model()).getFileName().toString();
    }
    return switch (plan.scale()) {
      case SMOKE -> "smoke random encoder (seed " + EncoderSources.SMOKE_WEIGHTS_SEED + ")";
      case MINI -> "all-MiniLM-L6-v2";
      case FULL -> "?";
    };
  }

  /** What ran, for the provenance: never a path of this machine (see {@link EncoderInfo}). */
  private EncoderInfo encoderInfo(EncoderConfig encoder) {
    if (plan.model() != null) {
      return EncoderInfo.file(encoderName(), Path.of(plan.model()).resolve("model.safetensors"),
          encoder);
    }
    return plan.scale() == slash.core.config.Scale.MINI
        ? EncoderInfo.miniLm(encoderName(), encoder)
        : EncoderInfo.generated(encoderName(), encoder);
  }

  /**
   * Per task with data: how many dev examples the scale's cap cuts ("12 of 872 (1.4%) dev
   * examples longer than 128 tokens"), counted with the encoder's own tokenizer.
   */
  Map<String, String> truncatedDev(List<TableSpec> tables, EncoderWeights weights) {
    Map<String, String> out = new java.util.TreeMap<>();
    int cap = plan.maxLength();
    java.util.Set<Task> tasks = new java.util.LinkedHashSet<>();
    tables.stream().flatMap(t -> t.columns().stream()).filter(runner::hasData)
        .forEach(c -> tasks.add(c.task()));
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 1 << 16)) {
      for (Task task : tasks) {
        RunConfig config = RunConfig.defaults(task, plan.scale(), new LinearConfig())
            .withDataDir(plan.dataDir(task)).withLimits(null, plan.evalLimit());
        List<?> dev = TaskData.load(config).dev();
        int longer = 0;
        for (Object example : dev) {
          EncodedBatch one = TaskData.encode(text, task, List.of(example), Representation.MASK);
          if (one.length() > cap) {
            longer++;
          }
        }
        out.put(task.dirName(), String.format(Locale.ROOT, "%d of %d (%.1f%%)", longer,
            dev.size(), dev.isEmpty() ? 0 : 100.0 * longer / dev.size()));
      }
    }
    return out;
  }

  private Provenance provenance(TableSpec table, ReproRunner runner, EncoderConfig encoder,
      Map<String, RunResult> done, Set<String> resumed, double wall, EncoderInfo encoderInfo,
      Map<String, String> truncated) {
    // the runs this table's cells come from: those with a result (trained now, earlier, or
    // committed); planned runs of tasks without data here have none
    Map<String, PlannedRun> mine = new java.util.LinkedHashMap<>(
        runner.plan(List.of(table), encoder));
    mine.keySet().retainAll(done.keySet());
    double training = 0;
    String version = "";
    String device = "";
    Map<String, Integer> commits = new java.util.TreeMap<>();
    for (String key : mine.keySet()) {
      RunResult result = done.get(key);
      if (result != null && result.error() == null) {
        commits.merge(result.commit() == null ? "not recorded" : result.commit(), 1,
            Integer::sum);
        training += result.secondsPerEpoch() * result.epochs().size();
        version = result.engineVersion();
        device = result.device();
      }
    }
    if (version.isEmpty() && table.columns().stream().anyMatch(plan::measuredByBenchmarks)) {
      version = "no training runs: cells from JMH";
      device = "the machine in results/jmh/provenance.json";
    }
    return new Provenance(Provenance.gitCommit(Path.of(".")),
        plan.scale().name().toLowerCase(Locale.ROOT),
        plan.engine().name().toLowerCase(Locale.ROOT), version, device, Provenance.now(),
        plan.seeds(), plan.sweep(), training, wall, mine.size(),
        (int) mine.keySet().stream().filter(resumed::contains).count(), encoderInfo,
        table.model().id(), plan.maxLength(), truncatedFor(table, truncated),
        plan.learningRateNote(), REPORTED, commits);
  }

  private static Map<String, String> truncatedFor(TableSpec table, Map<String, String> all) {
    Map<String, String> mine = new java.util.TreeMap<>();
    table.columns().forEach(c -> {
      if (all.containsKey(c.task().dirName())) {
        mine.put(c.task().dirName(), all.get(c.task().dirName()));
      }
    });
    return mine;
  }

  private static String describe(EncoderConfig encoder) {
    return encoder.modelType() + " " + encoder.layers() + "x" + encoder.hidden();
  }
}
