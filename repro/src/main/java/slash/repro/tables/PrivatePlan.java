package slash.repro.tables;

import java.util.Locale;
import slash.core.config.PrivacyConfig;
import slash.core.config.RunConfig;
import slash.core.data.Task;
import slash.core.method.InitDistribution;

/**
 * The budgets of Table 6's private rows at each scale. Every private run targets the paper's
 * epsilon 6.7, delta 1e-6; sigma is calibrated (PRV, eps_error 0.1) for exactly the run's own
 * sampling rate q = batch / N and steps T = epochs x floor(N / batch), so the reported epsilon is
 * the one of what ran.
 *
 * <ul>
 *   <li>smoke: 96 generated examples, logical batch 32 (q 1/3), 2 epochs (T 6), physical 16.
 *   <li>mini (a 2-core CPU), the one-epoch budget: the task's mini training examples (as every
 *       mini run: SST-2's first 2,000), logical batch 256 (q 0.128), 3 epochs (T 21), physical 32,
 *       learning rate 1e-2 (the top of the paper's private grid; constant), C 1.0;
 *       Poisson-sampled batches, so never grouped by length. The learning budget: the task's
 *       training examples of that budget (SST-2 8,000, the QNLI split's 4,462), the paper's
 *       sampling rate q = 1/32 (its 2,048 of SST-2's 67,349 is 1/32.9: logical batch N / 32) and
 *       {@value #LEARNING_EPOCHS} epochs, so T = 256 noisy steps (the paper: 640).
 *   <li>full: the paper's (Appendix C): whole training sets, batch 2048, 20 epochs, physical
 *       32, and Tables 13/14's initialisation, learning rate and clipping threshold per task.
 * </ul>
 */
public final class PrivatePlan {
  public static final double EPSILON = 6.7;
  public static final double DELTA = 1e-6;
  /** Appendix C's private setup: logical batch and epochs (constant learning rate). */
  public static final int PAPER_BATCH = 2048;
  public static final int PAPER_EPOCHS = 20;
  /** SST-2's training examples, whose q and T the paper's private row sets. */
  static final int SST2_TRAIN = 67_349;
  static final int MINI_BATCH = 256;
  static final int MINI_EPOCHS = 3;
  /** The learning budget's sampling rate is 1 / this: the paper's q on SST-2, rounded. */
  static final int LEARNING_BATCHES_PER_EPOCH = 32;
  static final int LEARNING_EPOCHS = 8;

  private PrivatePlan() {}

  static double defaultRate(slash.core.config.Scale scale) {
    return switch (scale) {
      case SMOKE -> 3e-2;
      case MINI, FULL -> 1e-2;
    };
  }

  /** The learning budget's logical batch for {@code examples}: q = 1 / 32. */
  static int learningBatch(int examples) {
    return Math.max(1, Math.round((float) examples / LEARNING_BATCHES_PER_EPOCH));
  }

  /** The paper's noisy steps on SST-2: 20 epochs of floor(67,349 / 2,048) batches. */
  private static int paperSteps() {
    return PAPER_EPOCHS * (SST2_TRAIN / PAPER_BATCH);
  }

  /** The private cells' budget at a scale, for the footnote of a table with private rows. */
  static String describe(slash.core.config.Scale scale, MiniBudget budget) {
    String target = "DP-SGD to epsilon " + EPSILON + ", delta " + DELTA + " (sigma calibrated by "
        + "the PRV accountant for the run's own q and T), Poisson sampling, per-example clipping "
        + "C 1.0, a constant learning rate 1e-2 (the top of the paper's private grid)";
    return switch (scale) {
      case SMOKE -> "96 generated examples, logical batch 32, 2 epochs; " + target;
      case MINI -> {
        int sst2 = budget.of(Task.SST2).examples();
        yield budget == MiniBudget.LEARNING
            ? String.format(Locale.ROOT, "the learning budget's training examples (SST-2 %,d, "
                + "the QNLI split's %,d), logical batch N / %d (q = 1/%d, the paper's %,d of "
                + "%,d rounded), %d epochs: T = %d noisy steps (the paper: %d); ", sst2,
                budget.of(Task.QNLI).examples(), LEARNING_BATCHES_PER_EPOCH,
                LEARNING_BATCHES_PER_EPOCH, PAPER_BATCH, SST2_TRAIN, LEARNING_EPOCHS,
                LEARNING_EPOCHS * (sst2 / learningBatch(sst2)), paperSteps()) + target
            : String.format(Locale.ROOT, "the task's one-epoch examples (SST-2 %,d, QNLI %,d), "
                + "logical batch %d, %d epochs (T = %d noisy steps on SST-2, too few to leave "
                + "the majority class; the paper: %d); ", sst2, budget.of(Task.QNLI).examples(),
                MINI_BATCH, MINI_EPOCHS, MINI_EPOCHS * (sst2 / MINI_BATCH), paperSteps())
                + target;
      }
      case FULL -> "the paper's: whole training sets, logical batch "
          + PAPER_BATCH + ", " + PAPER_EPOCHS + " epochs, and "
          + "Tables 13/14's initialisation, learning rate and clipping threshold per task; "
          + "DP-SGD to epsilon " + EPSILON + ", delta " + DELTA;
    };
  }

  static RunConfig apply(RunConfig config, Variant variant, PaperModel paperModel,
      double learningRate, boolean sweep, MiniBudget budget) {
    PrivacyConfig paper = new PrivacyConfig(EPSILON, null, DELTA, 32,
        PrivacyConfig.PAPER_EPS_ERROR, false);
    return switch (config.scale()) {
      case SMOKE -> config.withTraining(learningRate, 2, 32).withMaxGradNorm(1.0)
          .withPrivacy(new PrivacyConfig(EPSILON, null, DELTA, 16,
              PrivacyConfig.PAPER_EPS_ERROR, false));
      case MINI -> (budget == MiniBudget.LEARNING
          ? config.withTraining(learningRate, LEARNING_EPOCHS,
              learningBatch(budget.of(config.task()).examples()))
          : config.withTraining(learningRate, MINI_EPOCHS, MINI_BATCH))
          .withMaxGradNorm(1.0).withGroupByLength(false).withPrivacy(paper);
      case FULL -> full(config, paperModel, learningRate, sweep).withPrivacy(paper);
    };
  }

  private static RunConfig full(RunConfig config, PaperModel paperModel, double learningRate,
      boolean sweep) {
    RunConfig base = config.withTraining(learningRate, PAPER_EPOCHS,
        PAPER_BATCH);
    var best = PaperHyperparameters.privateTraining().find(paperModel, config.method(), config.task());
    if (best.isEmpty()) {
      return base;
    }
    PaperHyperparameters.Best b = best.get();
    RunConfig tuned = base.withMaxGradNorm(b.clip());
    if (!sweep) {
      tuned = tuned.withTraining(LearningRates.of(config.scale(), config.method(),
          config.task(), paperModel, true, null), PAPER_EPOCHS,
          PAPER_BATCH);
    }
    return tuned.withMethod(InitDistribution.set(config.method(), b.init()));
  }
}
