package slash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.config.PrivacyConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.io.FloatTensor;
import slash.core.metrics.PredictionCollector;
import slash.core.privacy.PrivacyConfigException;
import slash.core.privacy.PrivacyReport;
import slash.core.smoke.SmokeData;
import slash.core.text.EncodedBatch;
import slash.core.train.ConstantSchedule;
import slash.core.train.DpSgdStep;
import slash.core.train.FusedModel;
import slash.core.train.PerExampleGradients;
import slash.core.train.TrainingSession;

/** DP-SGD's arithmetic against a fake session whose per-example gradients are known. */
class DpSgdStepTest {
  @TempDir static Path dir;

  static RunConfig config(PrivacyConfig privacy, int batch, double clip) {
    SmokeData.write(dir, 11, 40, 10);
    return RunConfig.defaults(Task.SST2, Scale.SMOKE, ProbeMethod.of(2)).withDataDir(dir)
        .withTraining(1e-3, 2, batch).withMaxGradNorm(clip).withPrivacy(privacy);
  }

  static PrivacyConfig sigma(double sigma, int physical, boolean secure) {
    return new PrivacyConfig(null, sigma, 1e-6, physical, 0.1, secure);
  }

  /** Row i of the batch has gradient (i + 1) x (3, 4): norm 5 (i + 1). */
  static final class Fake implements TrainingSession {
    final List<float[]> applied = new ArrayList<>();
    final List<Double> rates = new ArrayList<>();
    final List<Integer> physicalSizes = new ArrayList<>();
    int steps;

    @Override
    public Optional<PerExampleGradients> perExampleGradients(EncodedBatch batch) {
      physicalSizes.add(batch.size());
      float[][] rows = new float[batch.size()][];
      float[] losses = new float[batch.size()];
      for (int i = 0; i < rows.length; i++) {
        float k = batch.labels()[i] + 1;
        rows[i] = new float[] {3 * k, 4 * k};
        losses[i] = k;
      }
      return Optional.of(new PerExampleGradients(losses, rows));
    }

    @Override
    public void applyGradient(float[] gradient, double learningRate) {
      applied.add(gradient.clone());
      rates.add(learningRate);
      steps++;
    }

    @Override
    public float trainStep(EncodedBatch batch, double learningRate) {
      throw new AssertionError();
    }

    @Override
    public void predict(EncodedBatch batch, PredictionCollector collector) {}

    @Override
    public FusedModel fused() {
      return null;
    }

    @Override
    public Map<String, FloatTensor> modelState() {
      return Map.of();
    }

    @Override
    public void loadModel(Map<String, FloatTensor> state) {}

    @Override
    public Map<String, FloatTensor> optimizerState() {
      return Map.of();
    }

    @Override
    public void loadOptimizer(Map<String, FloatTensor> state) {}

    @Override
    public int stepCount() {
      return steps;
    }

    @Override
    public long trainableCount() {
      return 2;
    }

    @Override
    public String engineVersion() {
      return "fake";
    }

    @Override
    public String device() {
      return "none";
    }

    @Override
    public void close() {}
  }

  static EncodedBatch batch(int size) {
    float[] labels = new float[size];
    int[] rep = new int[size];
    long[] ids = new long[size * 2];
    long[] mask = new long[size * 2];
    for (int i = 0; i < size; i++) {
      labels[i] = i;
      mask[2 * i] = 1;
    }
    return new EncodedBatch(size, 2, ids, mask, null, rep, labels, null);
  }

  @Test
  void clipsEachExampleSumsAndNormalisesByTheExpectedBatch() {
    // no noise: the update is sum_i clip(g_i) / (q N) = 5 rows clipped to norm 2, over 10
    DpSgdStep step = new DpSgdStep(config(sigma(0, 2, false), 10, 2.0), 100);
    Fake session = new Fake();
    float loss = step.step(session, batch(5), 1e-3, e -> { });
    assertEquals(3.0, loss, 1e-6); // mean of 1..5
    assertEquals(List.of(2, 2, 1), session.physicalSizes); // physical micro-batches of 2
    // every row has norm >= 5 > C: each contributes C x (0.6, 0.8) (Opacus' +1e-6 in the norm)
    assertArrayEquals(new float[] {5 * 1.2f / 10, 5 * 1.6f / 10}, session.applied.get(0), 1e-5f);
    assertEquals(0.1, step.sampleRate(), 1e-12);
    assertEquals(20, step.plannedSteps()); // 2 epochs x floor(100 / 10)
  }

  @Test
  void aPrivateRunsScheduleIsConstantAndTheStepTakesTheRateItIsGiven() {
    RunConfig run = config(sigma(0, 2, false), 10, 2.0);
    DpSgdStep step = new DpSgdStep(run, 100);
    ConstantSchedule schedule = step.schedule(run, 100);
    assertEquals(1e-3, schedule.rate(0));
    assertEquals(1e-3, schedule.rate(step.plannedSteps() - 1));
    Fake session = new Fake();
    step.step(session, batch(5), 0.25, e -> { });
    assertEquals(List.of(0.25), session.rates, "the schedule decides, not the config");
  }

  @Test
  void oneSeededGaussianDrawPerLogicalBatchWithStdSigmaC() {
    DpSgdStep step = new DpSgdStep(config(sigma(3.0, 4, false), 10, 0.5), 100);
    double sum = 0;
    double squares = 0;
    int n = 4000;
    Fake session = new Fake();
    for (int i = 0; i < n; i++) {
      step.step(session, null, 1e-3, e -> { }); // an empty Poisson sample: noise only
    }
    for (float[] g : session.applied) {
      for (float v : g) {
        sum += v * 10; // undo the normalisation by q N = 10
        squares += v * 10 * v * 10;
      }
    }
    double mean = sum / (2 * n);
    double std = Math.sqrt(squares / (2 * n) - mean * mean);
    assertEquals(0, mean, 0.05);
    assertEquals(1.5, std, 0.05); // sigma x C
    // seeded by (run seed, step): the same run draws the same noise
    Fake again = new Fake();
    new DpSgdStep(config(sigma(3.0, 4, false), 10, 0.5), 100).step(again, null, 1e-3, e -> { });
    assertArrayEquals(session.applied.get(0), again.applied.get(0));
    // --secure-noise: SecureRandom, not the seeded stream
    Fake secure = new Fake();
    new DpSgdStep(config(sigma(3.0, 4, true), 10, 0.5), 100).step(secure, null, 1e-3, e -> { });
    assertFalse(java.util.Arrays.equals(session.applied.get(0), secure.applied.get(0)));
  }

  @Test
  void poissonBatchesHaveTheExpectedSizeAndRepeatPerEpoch() {
    RunConfig run = config(sigma(1, 8, false), 50, 1.0);
    DpSgdStep step = new DpSgdStep(run, 1000);
    List<Integer> examples = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      examples.add(i);
    }
    List<List<Integer>> epoch0 = step.batches(examples, run, 0);
    assertEquals(20, epoch0.size());
    double mean = epoch0.stream().mapToInt(List::size).average().orElseThrow();
    assertEquals(50, mean, 6); // expected 50, std of the mean ~1.5
    assertTrue(epoch0.stream().mapToInt(List::size).distinct().count() > 1, "sizes vary");
    assertEquals(epoch0, step.batches(examples, run, 0));
    assertFalse(epoch0.equals(step.batches(examples, run, 1)));
  }

  @Test
  void calibratesSigmaForTheTargetAndReportsBothAccountants() {
    RunConfig run = config(new PrivacyConfig(6.7, null, 1e-6, 32, 0.1, false), 2048, 1.0)
        .withTraining(1e-3, 20, 2048);
    DpSgdStep step = new DpSgdStep(run, 67349); // SST-2's training set: q 0.0304, T 640
    assertEquals(640, step.plannedSteps());
    assertEquals(0.925, step.noiseMultiplier(), 0.005); // the paper's SST-2 sigma
    PrivacyReport spent = step.spent(640);
    assertTrue(spent.epsilon() <= 6.7 && spent.epsilon() > 6.6, spent.line());
    assertTrue(spent.rdpEpsilon() > spent.epsilon(), "RDP is looser: " + spent.line());
    assertTrue(spent.line().contains(", delta 1e-6, sigma 0.92"), spent.line());
    assertEquals(0, step.spent(0).epsilon());
  }

  @Test
  void refusesABudgetThatCannotBeReachedNamingTheSmallestEpsilon() {
    RunConfig run = config(new PrivacyConfig(0.05, null, 1e-6, 32, 0.1, false), 10, 1.0);
    PrivacyConfigException e = assertThrows(PrivacyConfigException.class,
        () -> new DpSgdStep(run, 100));
    assertTrue(e.getMessage().contains("smallest epsilon possible is"), e.getMessage());
    assertTrue(e.smallestEpsilon() > 0.05);
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void refusesAFixedSigmaTheAccountantCannotAccountBeforeTraining() {
    // delta 1e-18 lies below what the PRV mesh resolves: refused when the step policy is
    // built, not after the first epoch's training
    PrivacyConfigException e = assertThrows(PrivacyConfigException.class,
        () -> new DpSgdStep(config(new PrivacyConfig(null, 1.0, 1e-18, 4, 0.1, false), 10, 1.0),
            100));
    assertEquals("noiseMultiplier", e.field());
    assertTrue(e.getMessage().startsWith("privacy field 'noiseMultiplier' = 1 cannot be "
        + "accounted for q 0.10000 (batch 10 of 100) and T 20 steps: delta = 1e-18 is too "
        + "small"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void accountsATinySigmaWithAWidenedEpsError() {
    // sigma 0.001: epsilon in the thousands, a mesh past the quick accountant's cap; the step
    // widens and the bound stays valid, so the run is accounted instead of refused
    DpSgdStep step = new DpSgdStep(config(sigma(0.001, 4, false), 10, 1.0), 100);
    assertTrue(Double.isFinite(step.spent(20).epsilon()) && step.spent(20).epsilon() > 100,
        step.spent(20).line());
  }
}
