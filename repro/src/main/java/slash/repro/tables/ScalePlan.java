package slash.repro.tables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.method.InitDistribution;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.methods.MethodRegistry;
import slash.methods.RateFamily;

/**
 * How big a table's runs are at each scale, and the learning rate each method gets.
 *
 * <ul>
 *   <li>smoke: the seeded random encoder on generated data, 400 training examples, 4 epochs: every
 *       cell of every table in a couple of minutes, for {@code mvn verify}.
 *   <li>mini: the real MiniLM on the real task files, the whole dev set, batches grouped by
 *       length; how much each run trains is the {@link MiniBudget}: one epoch over a few thousand
 *       examples with one rate per family, or the learning budget (whole small training sets,
 *       several epochs, three seeds, a rate grid per family).
 *   <li>full: the paper's setup (Appendix C): whole training sets, 10 epochs (NER 5), the paper's
 *       best learning rate, initialisation and epochs for its own rows (Tables 10-12).
 * </ul>
 */
public record ScalePlan(Scale scale, EngineName engine, Path dataDir, String model, int seeds,
    boolean sweep, Path qnliSplit, MiniBudget budget) {
  /** A plan without the shipped QNLI split (every task from {@code dataDir}). */
  public ScalePlan(Scale scale, EngineName engine, Path dataDir, String model, int seeds,
      boolean sweep) {
    this(scale, engine, dataDir, model, seeds, sweep, null);
  }

  /** A plan with the first mini budget ({@link MiniBudget#ONE_EPOCH}). */
  public ScalePlan(Scale scale, EngineName engine, Path dataDir, String model, int seeds,
      boolean sweep, Path qnliSplit) {
    this(scale, engine, dataDir, model, seeds, sweep, qnliSplit, MiniBudget.ONE_EPOCH);
  }

  /**
   * The data folder a task's runs read: {@code dataDir}, except QNLI at mini scale when {@code
   * dataDir} has no QNLI training file and the shipped dev split was prepared ({@link
   * slash.core.data.QnliDevSplit}).
   */
  public Path dataDir(Task task) {
    return usesQnliSplit(task) ? qnliSplit : dataDir;
  }

  /** Whether {@code task}'s runs train on the shipped QNLI dev split. */
  public boolean usesQnliSplit(Task task) {
    return task == Task.QNLI && scale == Scale.MINI && qnliSplit != null
        && !slash.core.data.TaskFiles.exists(dataDir, Task.QNLI,
            slash.core.data.Split.TRAIN);
  }

  /** Appendix C's learning-rate grid, for the optional sweep. */
  public static final List<Double> SWEEP = List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2);
  /**
   * Full finetuning's grid for the sweep: Appendix C's PEFT grid diverges for full finetuning at
   * 1e-3 and above, so it takes the usual finetuning rates instead (RoBERTa's and BitFit's range).
   */
  public static final List<Double> FINETUNE_SWEEP = List.of(1e-5, 2e-5, 3e-5, 5e-5);
  /** The maximum sequence length at each scale: the released scripts' 512 at full scale. */
  public static final int FULL_MAX_LENGTH = 512;
  public static final int MINI_MAX_LENGTH = 128;
  public static final int SMOKE_MAX_LENGTH = 64;
  /**
   * Smoke runs train on the 400 generated examples for 4 epochs and score the first 48 dev ones:
   * enough for every method to beat the majority class, which {@code --check} now requires (96
   * examples and 2 epochs, 12 steps, left several rows at or below it).
   */
  public static final int SMOKE_TRAIN = 400;
  public static final int SMOKE_EPOCHS = 4;
  public static final int SMOKE_EVAL = 48;

  /**
   * Whether a column's cells come from the JMH suite instead of training runs: Table 5's time and
   * memory at mini scale ({@link EpochBenchmarks}), so the project measures cost in one place.
   */
  public boolean measuredByBenchmarks(Column column) {
    return scale == Scale.MINI && column.measure().isCost();
  }

  /** The learning rates to try for a variant: the sweep grid, or the one this scale uses. */
  public List<Double> learningRates(Variant variant, Task task, PaperModel paperModel) {
    if (sweep) {
      return MethodRegistry.of(variant.method()).rates() == RateFamily.FULL_FINETUNING
          ? FINETUNE_SWEEP : SWEEP;
    }
    if (scale == Scale.MINI && budget.triesRateGrid() && !variant.dp()) {
      return LearningRates.miniGrid(MethodRegistry.of(variant.method()).rates());
    }
    return List.of(LearningRates.of(scale, variant.method(), task, paperModel, variant.dp(),
        null));
  }

  /** Why this plan runs none of a task's cells (see {@link MiniBudget#notRun}). */
  public java.util.Optional<String> notRun(Task task) {
    return scale == Scale.MINI ? budget.notRun(task) : java.util.Optional.empty();
  }

  /** How many dev examples a run scores at this scale: null for all of them. */
  public Integer evalLimit() {
    return scale == Scale.SMOKE ? SMOKE_EVAL : null;
  }

  /** The cap on tokens per example at this scale. */
  public int maxLength() {
    return switch (scale) {
      case SMOKE -> SMOKE_MAX_LENGTH;
      case MINI -> MINI_MAX_LENGTH;
      case FULL -> FULL_MAX_LENGTH;
    };
  }

  /** How the learning rate of each cell was chosen, for the tables' footnotes. */
  public String learningRateNote() {
    if (sweep) {
      return "learning rate: the best on dev of Appendix C's grid {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, "
          + "3e-2} (full finetuning: {1e-5, 2e-5, 3e-5, 5e-5}, as the PEFT grid diverges for it); "
          + "the same dev set reports the score, as the paper does";
    }
    return switch (scale) {
      case SMOKE -> "learning rate: one per method family at this scale, not tuned (full "
          + "finetuning 1e-3, few-parameter methods 3e-2, other baselines 1e-2)";
      case MINI -> budget.triesRateGrid()
          ? "learning rate: per cell the better mean dev score of two rates per method family "
              + "(full finetuning {3e-5, 1e-4}, SLaSh / JR-WARP / WARP / linear {3e-3, 1e-2}, "
              + "BitFit {1e-3, 3e-3}, LoRA / adapters {3e-4, 1e-3}), as the paper chose its "
              + "rates: the same dev set reports the score; budget " + budget.describe()
              + ", batches of 8 grouped by length (Hugging Face's group_by_length)"
          : "learning rate: one per method family at this scale (full finetuning 5e-5, "
              + "SLaSh / JR-WARP / WARP / linear 1e-2, other baselines 1e-3), the "
              + "few-parameter rate chosen on SST-2 dev (1e-2 beat 3e-3 and 3e-2 there); one "
              + "epoch over the first " + oneEpochExamples() + " training examples, batches of "
              + "8 grouped by length (Hugging Face's group_by_length)";
      case FULL -> "learning rate: SLaSh and JR-WARP rows take the paper's best (Tables 10-12, "
          + "Appendix C for NER: rate, init and epochs); baselines one rate each from their own "
          + "papers (full finetuning 2e-5, BitFit 1e-3, few-parameter 3e-3, others 5e-4)";
    };
  }

  /** The one-epoch budget's training examples per task, for footnotes: "SST-2 2,000, ...". */
  static String oneEpochExamples() {
    return String.join(", ", MiniBudget.ORDER.stream().map(t -> String.format(
        java.util.Locale.ROOT, "%s %,d", t.dirName(), MiniBudget.ONE_EPOCH.of(t).examples()))
        .toList());
  }

  /** The run of one variant on one task with one seed and learning rate. */
  public RunConfig run(Variant variant, Task task, PaperModel paperModel, EncoderConfig encoder,
      int seed, double learningRate) {
    RunConfig config = nonPrivateRun(variant, task, paperModel, encoder, seed, learningRate);
    return variant.dp() ? PrivatePlan.apply(config, variant, paperModel, learningRate, sweep,
        budget) : config;
  }

  private RunConfig nonPrivateRun(Variant variant, Task task, PaperModel paperModel,
      EncoderConfig encoder, int seed, double learningRate) {
    MethodConfig method = variant.resolve(encoder);
    RunConfig config = RunConfig.defaults(task, scale, method).withDataDir(dataDir(task))
        .withRepresentation(scale == Scale.MINI ? budget.head(variant)
            : variant.representation()).withEngine(engine).withSeed(seed);
    if (model != null) {
      config = config.withModel(model);
    }
    return switch (scale) {
      case SMOKE -> config.withTraining(learningRate, SMOKE_EPOCHS, 16).withLimits(SMOKE_TRAIN, SMOKE_EVAL)
          .withMaxLength(SMOKE_MAX_LENGTH);
      case MINI -> config.withTraining(learningRate, budget.of(task).epochs(), 8)
          .withLimits(budget.of(task).examples(), null)
          .withMaxLength(MINI_MAX_LENGTH).withGroupByLength(true);
      case FULL -> fullScale(config.withMaxLength(FULL_MAX_LENGTH), variant, task, paperModel,
          learningRate);
    };
  }

  private RunConfig fullScale(RunConfig config, Variant variant, Task task, PaperModel paperModel,
      double learningRate) {
    MethodConfig method = config.method();
    var best = sweep ? java.util.Optional.<PaperHyperparameters.Best>empty()
        : PaperHyperparameters.training().find(paperModel, method, task);
    if (best.isPresent()) {
      return config.withMethod(variant.initPinned() ? method
              : InitDistribution.set(method, best.get().init()))
          .withTraining(LearningRates.of(scale, method, task, paperModel, false, null),
              best.get().epochs(), config.batchSize());
    }
    return config.withTraining(learningRate, config.epochs(), config.batchSize());
  }

  /**
   * The runs behind one cell of {@code table} for one of its row's variants: per learning rate
   * (one, or the sweep), one run per seed. The runner runs them; the report averages the seeds and
   * keeps the best rate.
   */
  public List<List<PlannedRun>> cellRuns(TableSpec table, Variant variant, Column column,
      EncoderConfig encoder) {
    List<List<PlannedRun>> byRate = new ArrayList<>();
    if (notRun(column.task()).isPresent()) {
      return byRate;
    }
    for (double lr : learningRates(variant, column.task(), table.model())) {
      List<PlannedRun> bySeed = new ArrayList<>();
      for (int seed = 0; seed < seeds; seed++) {
        bySeed.add(PlannedRun.of(run(variant, column.task(), table.model(), encoder, seed, lr)));
      }
      byRate.add(bySeed);
    }
    return byRate;
  }
}
