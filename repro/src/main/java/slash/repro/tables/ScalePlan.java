package slash.repro.tables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import slash.baselines.bitfit.BitFitConfig;
import slash.baselines.full.FullConfig;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.SlashConfig;

/**
 * How big a table's runs are at each scale, and the learning rate each method gets.
 *
 * <ul>
 *   <li>smoke: the seeded random encoder on generated data, 96 training examples, 2 epochs: every
 *       cell of every table in a couple of minutes, for {@code mvn verify}.
 *   <li>mini: the real MiniLM on the real task files, the first 2,400 training examples, one epoch,
 *       the whole dev set; learning rates that work for each family at that budget.
 *   <li>full: the paper's setup (Appendix C): whole training sets, 10 epochs (NER 5), the paper's
 *       best learning rate, initialisation and epochs for its own rows (Tables 10-12).
 * </ul>
 */
public record ScalePlan(Scale scale, EngineName engine, Path dataDir, String model, int seeds,
    boolean sweep) {
  /** Appendix C's learning-rate grid, for the optional sweep. */
  public static final List<Double> SWEEP = List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2);

  /** The learning rates to try for a variant: the sweep grid, or the one this scale uses. */
  public List<Double> learningRates(Variant variant, Task task, PaperModel paperModel) {
    return sweep ? SWEEP : List.of(defaultRate(variant, task, paperModel));
  }

  /** The run of one variant on one task with one seed and learning rate. */
  public RunConfig run(Variant variant, Task task, PaperModel paperModel, EncoderConfig encoder,
      int seed, double learningRate) {
    RunConfig config = nonPrivateRun(variant, task, paperModel, encoder, seed, learningRate);
    return variant.dp() ? PrivatePlan.apply(config, variant, paperModel, learningRate, sweep)
        : config;
  }

  private RunConfig nonPrivateRun(Variant variant, Task task, PaperModel paperModel,
      EncoderConfig encoder, int seed, double learningRate) {
    MethodConfig method = variant.resolve(encoder);
    RunConfig config = RunConfig.defaults(task, scale, method).withDataDir(dataDir)
        .withRepresentation(variant.representation()).withEngine(engine).withSeed(seed);
    if (model != null) {
      config = config.withModel(model);
    }
    return switch (scale) {
      case SMOKE -> config.withTraining(learningRate, 2, 16).withLimits(96, 48)
          .withMaxLength(64);
      case MINI -> config.withTraining(learningRate, 1, 8).withLimits(2400, null)
          .withMaxLength(128);
      case FULL -> fullScale(config, variant, task, paperModel, learningRate);
    };
  }

  private RunConfig fullScale(RunConfig config, Variant variant, Task task, PaperModel paperModel,
      double learningRate) {
    MethodConfig method = config.method();
    if (!sweep && method instanceof SlashConfig slash) {
      var best = Hyperparameters.load().find(paperModel, "slash", slash.d(), task);
      if (best.isPresent()) {
        return config.withMethod(slash.withDistribution(best.get().init()))
            .withTraining(best.get().learningRate(), best.get().epochs(), config.batchSize());
      }
    }
    if (!sweep && method instanceof JrWarpConfig jrWarp) {
      var best = Hyperparameters.load().find(paperModel, "jr-warp", jrWarp.d(), task);
      if (best.isPresent()) {
        return config.withMethod(jrWarp.withDistribution(best.get().init()))
            .withTraining(best.get().learningRate(), best.get().epochs(), config.batchSize());
      }
    }
    return config.withTraining(learningRate, config.epochs(), config.batchSize());
  }

  private double defaultRate(Variant variant, Task task, PaperModel paperModel) {
    if (variant.dp()) {
      return PrivatePlan.defaultRate(scale);
    }
    boolean full = variant.method() instanceof FullConfig;
    return switch (scale) {
      case SMOKE -> full ? 1e-3 : variant.fewParameters() ? 3e-2 : 1e-2;
      case MINI -> full ? 5e-5 : variant.fewParameters() ? 3e-3 : 1e-3;
      // Baselines at full scale without a sweep: the rates their own papers use on GLUE.
      case FULL -> full ? 2e-5 : variant.fewParameters() ? 3e-3
          : variant.method() instanceof BitFitConfig ? 1e-3 : 5e-4;
    };
  }

  /**
   * The runs behind one cell of {@code table} for one of its row's variants: per learning rate
   * (one, or the sweep), one run per seed. The runner runs them; the report averages the seeds and
   * keeps the best rate.
   */
  public List<List<PlannedRun>> cellRuns(TableSpec table, Variant variant, Column column,
      EncoderConfig encoder) {
    List<List<PlannedRun>> byRate = new ArrayList<>();
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
