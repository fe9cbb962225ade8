package slash.repro.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import slash.core.config.EngineName;
import slash.core.config.Scale;
import slash.core.data.DataFolders;
import slash.core.data.QnliDevSplit;
import slash.methods.Sessions;
import slash.repro.ModelCache;
import slash.repro.exec.ExecutorSettings;
import slash.repro.exec.LocalRunExecutor;
import slash.repro.exec.RunExecutor;
import slash.repro.exec.RunExecutors;
import slash.repro.tables.MiniBudget;
import slash.repro.tables.PaperTableSpecs;
import slash.repro.tables.ReportCheck;
import slash.repro.tables.ReproRunner;
import slash.repro.tables.Reproduction;
import slash.repro.tables.ScalePlan;
import slash.repro.tables.TableSpec;

/** {@code slash repro}: the paper's tables at one scale, into {@code results/<scale>/}. */
@Command(name = "repro", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = Version.class,
    description = "Regenerate the paper's tables and Figure 1 (default: mini scale, every "
        + "table), resuming from the per-run results already there.")
final class ReproCommand implements Callable<Integer> {
  @Option(names = "--scale", defaultValue = "mini", converter = Converters.ScaleConverter.class,
      description = "smoke, mini or full (default: ${DEFAULT-VALUE})")
  Scale scale;

  @Option(names = "--tables", defaultValue = "2,3,4,5,6,7,8,9", split = ",",
      description = "which tables (default: ${DEFAULT-VALUE})")
  List<Integer> tables;

  @Mixin DataOptions source;

  @Option(names = "--seeds", description = "seeds per cell (default: 5 at full scale, 3 with "
      + "the learning budget, else 1)")
  Integer seeds;

  @Option(names = "--sweep", description = "run Appendix C's learning-rate grid, keep the best")
  boolean sweep;

  @Option(names = "--reuse-results", description = "count the run results already in "
      + "<results>/runs/ as done, wherever they ran (resume a long reproduction on another "
      + "machine); by default they are references and what has data here is trained again")
  boolean reuseResults;

  @Option(names = "--check-learned", description = "with --check at smoke scale: also fail "
      + "unless every SST-2 cell and every accuracy column's best row beat the majority class")
  boolean checkLearned;

  @Option(names = "--force-model", description = "at full scale, run a table on a --model "
      + "that is not the paper's model for it (the title says which ran)")
  boolean forceModel;

  @Option(names = "--budget", defaultValue = "one-epoch",
      converter = BudgetConverter.class, description = "mini scale's budget: one-epoch (one "
          + "epoch over a few thousand examples, 1 seed; the committed results/mini/) or "
          + "learning (whole small training sets, several epochs, 3 seeds, a rate grid per "
          + "family; results/mini-learning/, tens of CPU hours: run it with --reuse-results, a "
          + "few hours at a time) (default: ${DEFAULT-VALUE})")
  MiniBudget budget;

  /** {@code --budget}'s names, the bad one named in the error. */
  static final class BudgetConverter implements picocli.CommandLine.ITypeConverter<MiniBudget> {
    @Override
    public MiniBudget convert(String value) {
      return MiniBudget.parse(value);
    }
  }

  @Option(names = "--tasks", split = ",", converter = Converters.TaskConverter.class,
      description = "train only these tasks' runs (e.g. sst2,mrpc); the tables still show every "
          + "result there is (default: every task with data)")
  List<slash.core.data.Task> onlyTasks;

  @Option(names = "--render-only", description = "train nothing: render the tables from the "
      + "run results there are (a long reproduction's tables between its sittings)")
  boolean renderOnly;

  @Option(names = "--results", defaultValue = "results",
      description = "where the tables go (default: ${DEFAULT-VALUE}/<scale>)")
  Path resultsRoot;

  @Option(names = "--executor", defaultValue = "local", description = "where the runs train: "
      + "local (this process, one after another) or spark (one Spark task a run; needs the "
      + "slash-spark module, which ./slash adds for this option) (default: ${DEFAULT-VALUE})")
  String executor;

  @Option(names = "--master", description = "with --executor spark: the Spark master, e.g. "
      + "local[2], spark://host:7077, k8s://https://host:443, yarn (default: spark-submit's, "
      + "else local[*])")
  String master;

  @Option(names = "--conf", split = ",", description = "with --executor spark: Spark settings "
      + "key=value, e.g. spark.task.resource.gpu.amount=1 (repeatable)")
  java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();

  @Option(names = "--ship-data", description = "with --executor spark: send the task files "
      + "with the job (SparkContext.addFile; they are small) instead of reading them from the "
      + "data path, which every node must then see. --model folders and the run folders "
      + "(target/repro-runs) are never shipped: on a cluster, put them on a shared filesystem")
  boolean shipData;

  /** The top command's {@code --verbose}: with --executor spark, Spark's own INFO log too. */
  @picocli.CommandLine.ParentCommand
  Commands.Top top;

  @Option(names = "--check", description = "fail unless every table and Figure 1 was written "
      + "and no cell failed")
  boolean check;

  @Override
  public Integer call() {
    Path cache = ModelCache.dir();
    EngineName engine = source.engine;
    String model = source.model;
    if (scale == Scale.FULL && model == null) {
      throw new IllegalArgumentException("repro at full scale needs --model <Hugging Face "
          + "folder> (roberta-base, roberta-large or bert-base-cased, as the tables say)");
    }
    if (budget != MiniBudget.ONE_EPOCH && scale != Scale.MINI) {
      throw new IllegalArgumentException("--budget " + budget.id() + " is a mini-scale budget; "
          + scale.name().toLowerCase(Locale.ROOT) + " scale has one budget of its own");
    }
    int seedCount = seeds != null ? seeds : scale == Scale.FULL ? 5
        : scale == Scale.MINI ? budget.seeds() : 1;
    if (seedCount <= 0) {
      throw new IllegalArgumentException("--seeds must be positive, was " + seedCount);
    }
    DataFolders.Resolved resolved = source.folder(scale);
    Path dataDir = resolved.dir();
    Path work = Path.of("target", "repro-runs");
    Path qnliSplit = scale == Scale.MINI
        ? QnliDevSplit.fromShipped(DataFolders.checkout(), work) : null;
    ScalePlan plan = new ScalePlan(scale, engine, dataDir, model, seedCount, sweep, qnliSplit,
        budget);
    String folder = scale.name().toLowerCase(Locale.ROOT)
        + (budget == MiniBudget.ONE_EPOCH ? "" : "-" + budget.id())
        + (engine == EngineName.DJL ? "" : "-" + engine.name().toLowerCase(Locale.ROOT));
    Path results = resultsRoot.resolve(folder);
    CommittedRuns.copyMissing(DataFolders.checkout().resolve("results").resolve(folder)
        .resolve("runs"), results.resolve("runs"));
    Path runs = work.resolve(folder);
    List<TableSpec> specs = new ArrayList<>();
    for (int number : tables) {
      specs.addAll(PaperTableSpecs.table(number));
    }
    String which = String.join(",", tables.stream().map(String::valueOf).toList());
    System.out.printf(Locale.ROOT, "reproducing tables %s at %s scale on %s; data %s%s%s%n",
        which, folder, engine.name().toLowerCase(Locale.ROOT), resolved,
        Files.isDirectory(dataDir) ? "" : " (missing: tasks without data keep their results)",
        plan.usesQnliSplit(slash.core.data.Task.QNLI) ? "; QNLI: the shipped dev split" : "");
    ReproRunner runner = new ReproRunner(plan, results, runs, cache, Sessions::factory,
        reuseResults);
    if (renderOnly || onlyTasks != null) {
      runner = runner.onlyTasks(renderOnly ? java.util.Set.of() : java.util.Set.copyOf(onlyTasks));
    }
    List<String> written;
    try (RunExecutor where = RunExecutors.open(executor, new ExecutorSettings(master, conf,
        shipData, top != null && top.verbose))) {
      if (!(where instanceof LocalRunExecutor)) {
        System.out.println("executor: " + where.describe());
      }
      written = new Reproduction(runner.on(where), forceModel).run(specs);
    }
    System.out.println("wrote " + Arrays.toString(written.toArray()) + " into " + results);
    if (check) {
      List<String> problems = new ArrayList<>(ReportCheck.problems(results, written));
      if (scale == Scale.SMOKE && checkLearned) { // generated data with a learnable signal
        problems.addAll(ReportCheck.unlearned(results, written, ReportCheck.majorityAccuracy(
            dataDir, List.of(slash.core.data.Task.values()), ScalePlan.SMOKE_EVAL)));
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException("the regenerated tables are incomplete:\n  "
            + String.join("\n  ", problems));
      }
      System.out.println("checked: every table and Figure 1 written, no failed cell"
          + (scale == Scale.SMOKE && checkLearned ? ", the methods above the majority class"
              : ""));
    }
    return 0;
  }
}
