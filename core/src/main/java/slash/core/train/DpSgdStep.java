package slash.core.train;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import slash.core.config.PrivacyConfig;
import slash.core.config.RunConfig;
import slash.core.privacy.NoiseCalibrator;
import slash.core.privacy.PrivacyConfigException;
import slash.core.privacy.PrivacyReport;
import slash.core.privacy.PrvAccountant;
import slash.core.text.EncodedBatch;

/**
 * DP-SGD as Opacus runs it (paper Section 3.4, Appendix C). Each logical batch is a Poisson
 * sample of the training set (every example in with probability q = B / N, B the run's batch
 * size), {@code floor(N / B)} of them per epoch, T = epochs x floor(N / B) in all. A logical
 * batch is processed in physical micro-batches; every example's gradient is clipped to norm C
 * (the run's {@code maxGradNorm}, flat clipping over all trainables); the clipped gradients are
 * summed, ONE Gaussian draw N(0, sigma^2 C^2) per coordinate is added per logical batch, the sum
 * is divided by the expected batch size q N, and the optimizer (AdamW, weight decay 0) takes it at
 * the rate of a {@link ConstantSchedule} (no warmup, no decay, as the paper).
 *
 * <p>Sigma is calibrated with the PRV accountant for exactly this (q, T) when the config names
 * a target epsilon; a budget that cannot be reached is refused before anything loads. Noise is
 * seeded by (run seed, step), so the same seed gives the same run and a resumed run draws what
 * the uninterrupted one would have; {@code secureNoise} draws from {@link SecureRandom} instead.
 */
public final class DpSgdStep implements StepPolicy {
  private final RunConfig config;
  private final PrivacyConfig privacy;
  private final int trainSize;
  private final double sampleRate;
  private final int stepsPerEpoch;
  private final int plannedSteps;
  private final double sigma;
  private final double clip;
  private final SecureRandom secure;
  /** Per-example backward passes done by the looped fallback (0 on the one-pass path). */
  private long loopedExamples;

  public DpSgdStep(RunConfig config, int trainSize) {
    this.config = config;
    this.privacy = config.privacy().validate();
    PrivacyConfigException.requirePositive(trainSize, "trainSize");
    this.trainSize = trainSize;
    this.sampleRate = Math.min(1.0, (double) config.batchSize() / trainSize);
    this.stepsPerEpoch = Math.max(1, trainSize / config.batchSize());
    this.plannedSteps = stepsPerEpoch * config.epochs();
    this.clip = config.maxGradNorm();
    this.sigma = privacy.noiseMultiplier() != null ? accounted(privacy.noiseMultiplier())
        : calibrated();
    this.secure = privacy.secureNoise() ? new SecureRandom() : null;
  }

  /**
   * A fixed sigma, once the PRV accountant has accounted the whole planned run with it: a sigma
   * the accountant cannot account (too little noise for its mesh) is refused before training,
   * not after the first epoch, when the progress line first asks what was spent.
   */
  private double accounted(double noiseMultiplier) {
    try {
      PrvAccountant.quick(privacy.epsError()).spent(sampleRate, noiseMultiplier, plannedSteps,
          privacy.delta());
      return noiseMultiplier;
    } catch (PrivacyConfigException e) {
      throw new PrivacyConfigException("noiseMultiplier", String.format(java.util.Locale.ROOT,
          "= %s cannot be accounted for q %.5f (batch %d of %d) and T %d steps: %s",
          slash.core.privacy.Rounded.of(noiseMultiplier), sampleRate, config.batchSize(),
          trainSize, plannedSteps, e.getMessage().replaceFirst("^privacy field '([^']*)' ", "$1 ")),
          e.smallestEpsilon());
    }
  }

  /** Sigma for the target epsilon at this (q, T), or a refusal naming the smallest epsilon. */
  private double calibrated() {
    try {
      return new NoiseCalibrator(PrvAccountant.quick(privacy.epsError()))
          .calibrate(privacy.epsilon(), privacy.delta(), sampleRate, plannedSteps)
          .noiseMultiplier();
    } catch (PrivacyConfigException e) {
      if (Double.isNaN(e.smallestEpsilon())) {
        throw e;
      }
      throw new PrivacyConfigException("epsilon", String.format(java.util.Locale.ROOT,
          "= %s cannot be reached with delta %s, q %.5f (batch %d of %d) and T %d steps: the "
          + "smallest epsilon possible is %.4f (PRV accountant, eps_error %s)", privacy.epsilon(),
          privacy.delta(), sampleRate, config.batchSize(), trainSize, plannedSteps,
          e.smallestEpsilon(), privacy.epsError()), e.smallestEpsilon());
    }
  }

  public double noiseMultiplier() {
    return sigma;
  }

  public double sampleRate() {
    return sampleRate;
  }

  public int plannedSteps() {
    return plannedSteps;
  }

  public long loopedExamples() {
    return loopedExamples;
  }

  /** The expected logical batch size q N, the normaliser of the noised sum. */
  public double expectedBatch() {
    return sampleRate * trainSize;
  }

  /** The paper's private rate: the run's learning rate at every step. */
  @Override
  public ConstantSchedule schedule(RunConfig run, int trainSize) {
    return new ConstantSchedule(run.learningRate());
  }

  /** floor(N / B) Poisson samples, seeded by (seed, epoch): the same on every engine and resume. */
  @Override
  public <T> List<List<T>> batches(List<T> examples, RunConfig run, int epoch) {
    SplittableRandom random = new SplittableRandom(run.seed() * 0x9E3779B97F4A7C15L + 31L * epoch
        + 0x5DEECE66DL);
    List<List<T>> batches = new ArrayList<>(stepsPerEpoch);
    for (int s = 0; s < stepsPerEpoch; s++) {
      List<T> batch = new ArrayList<>();
      for (T example : examples) {
        if (random.nextDouble() < sampleRate) {
          batch.add(example);
        }
      }
      batches.add(batch);
    }
    return batches;
  }

  @Override
  public float step(TrainingSession session, EncodedBatch batch, double learningRate,
      Consumer<NonFiniteGradientException> onRecompute) {
    int step = session.stepCount();
    float[] sum = null;
    double lossSum = 0;
    int examples = 0;
    if (batch != null && batch.size() > 0) {
      for (EncodedBatch chunk : BatchSlices.chunks(batch, privacy.physicalBatch())) {
        var perExample = session.perExampleGradients(chunk);
        if (perExample.isPresent()) {
          PerExampleGradients g = perExample.get();
          for (int i = 0; i < g.size(); i++) {
            sum = addClipped(sum, g.rows()[i], step);
            lossSum += g.losses()[i];
          }
        } else {
          for (int i = 0; i < chunk.size(); i++) {
            BatchGradient g = session.gradient(BatchSlices.slice(chunk, i, i + 1));
            sum = addClipped(sum, g.gradient(), step);
            lossSum += g.loss();
            loopedExamples++;
          }
        }
        examples += chunk.size();
      }
    }
    if (sum == null) {
      sum = new float[(int) session.trainableCount()];
    }
    RandomGenerator noise = secure != null ? secure
        : new SplittableRandom(config.seed() * 0x2545F4914F6CDD1DL + step);
    double std = sigma * clip;
    float scale = (float) (1 / expectedBatch());
    for (int j = 0; j < sum.length; j++) {
      sum[j] = (float) ((sum[j] + std * noise.nextGaussian()) * scale);
    }
    session.applyGradient(sum, learningRate);
    return examples == 0 ? 0f : (float) (lossSum / examples);
  }

  /** {@code row} clipped to norm C (Opacus: factor min(1, C / (norm + 1e-6))) added into sum. */
  private float[] addClipped(float[] sum, float[] row, int step) {
    double squared = 0;
    for (float v : row) {
      squared += (double) v * v;
    }
    double norm = Math.sqrt(squared);
    if (!Double.isFinite(norm)) {
      throw new ArithmeticException("a per-example gradient norm is " + norm + " at step "
          + (step + 1));
    }
    float factor = (float) Math.min(1.0, clip / (norm + 1e-6));
    float[] into = sum != null ? sum : new float[row.length];
    for (int j = 0; j < row.length; j++) {
      into[j] += factor * row[j];
    }
    return into;
  }

  @Override
  public PrivacyReport spent(int stepsTaken) {
    return PrivacyReport.of(privacy.epsError(), privacy.delta(), sigma, sampleRate, plannedSteps,
        stepsTaken, clip, expectedBatch(), privacy.physicalBatch(), privacy.secureNoise());
  }
}
