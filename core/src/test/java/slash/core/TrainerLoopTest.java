package slash.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.io.FloatTensor;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderSources;
import slash.core.projection.Distribution;
import slash.core.smoke.SmokeData;
import slash.core.text.EncodedBatch;
import slash.core.text.BatchTokenizer;
import slash.core.train.NonFiniteGradientException;
import slash.core.train.RunResult;
import slash.core.train.FusedModel;
import slash.core.train.RecomputingStep;
import slash.core.train.RunFolder;
import slash.core.train.Schedule;
import slash.core.train.StepPolicy;
import slash.core.train.Trainer;
import slash.core.train.TrainingSession;

/** The shared training loop against a scripted session: no engine involved. */
class TrainerLoopTest {
  @TempDir Path dir;

  /** Predicts the gold label; its gradient is non-finite on the steps listed in {@code bad}. */
  static class ScriptedSession implements TrainingSession {
    final java.util.Set<Integer> badCalls;
    int calls;
    int steps;

    ScriptedSession(Integer... badCalls) {
      this.badCalls = java.util.Set.of(badCalls);
    }

    @Override
    public float trainStep(EncodedBatch batch, double learningRate) {
      calls++;
      if (badCalls.contains(calls)) {
        TrainingSession.requireFiniteNorm(Double.NaN, steps);
      }
      steps++;
      return 0.5f;
    }

    @Override
    public void predict(EncodedBatch batch, PredictionCollector collector) {
      float[] logits = new float[batch.size() * 2];
      for (int i = 0; i < batch.size(); i++) {
        logits[2 * i + (int) batch.labels()[i]] = 1f;
      }
      collector.addLogits(logits, batch);
    }

    @Override
    public FusedModel fused() {
      throw new UnsupportedOperationException("the trainer never runs fused inference");
    }

    @Override
    public Map<String, FloatTensor> modelState() {
      return Map.of("w", FloatTensor.of(new float[] {1f}, 1));
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
      return 1;
    }

    @Override
    public String engineVersion() {
      return "scripted";
    }

    @Override
    public String device() {
      return "none";
    }

    @Override
    public void close() {}
  }

  private RunResult train(ScriptedSession session) {
    return train(session, RecomputingStep.INSTANCE);
  }

  private RunResult train(ScriptedSession session, StepPolicy policy) {
    SmokeData.write(dir, 3, 40, 20);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE,
        ProbeMethod.of(8)).withDataDir(dir).withTraining(1e-3, 1, 8);
    try (BatchTokenizer text = BatchTokenizer.load(EncoderSources.smoke(dir.resolve("cache"))
        .tokenizer(), 32)) {
      return new Trainer(config, new RunFolder(dir.resolve("run")), policy, List.of())
          .train(session, text, TaskData.load(config));
    }
  }

  /** Touches {@code mb} MiB of native memory and frees it at once: a peak the process no longer has. */
  private static void peakAndRelease(int mb) throws Exception {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(mb << 20);
    for (int i = 0; i < buffer.capacity(); i += 4096) {
      buffer.put(i, (byte) 1);
    }
    java.lang.reflect.Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
    f.setAccessible(true);
    Object unsafe = f.get(null);
    unsafe.getClass().getMethod("invokeCleaner", java.nio.ByteBuffer.class).invoke(unsafe, buffer);
  }

  @Test
  void aRunRecordsItsOwnPeakMemoryNotAnEarlierPeakOfTheProcess() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(slash.core.train.MemoryProbe.resetPeak(),
        "needs Linux's /proc/self/clear_refs");
    peakAndRelease(512);
    long processPeak = slash.core.train.MemoryProbe.peakRssBytes();
    RunResult result = train(new ScriptedSession());
    assertEquals(RunResult.PEAK_RSS_PER_RUN, result.peakRssScope());
    assertTrue(result.peakRssBytes() > 0 && result.peakRssBytes() < processPeak - (256L << 20),
        "the run's peak " + (result.peakRssBytes() >> 20) + " MiB must not include the released "
            + "512 MiB (process peak " + (processPeak >> 20) + " MiB)");
    // a result.json from before the field reads with no scope: the process's peak
    String json = slash.core.io.Json.write(result).replaceAll(",\\s*\"peakRssScope\"\\s*:\\s*\"run\"", "");
    assertTrue(!json.contains("peakRssScope"), json);
    assertEquals(null, slash.core.io.Json.read(json, RunResult.class).peakRssScope());
  }

  @Test
  void everyStepTakesTheRateOfThePolicysSchedule() {
    List<Double> rates = new java.util.ArrayList<>();
    ScriptedSession session = new ScriptedSession() {
      @Override
      public float trainStep(EncodedBatch batch, double learningRate) {
        rates.add(learningRate);
        return super.trainStep(batch, learningRate);
      }
    };
    StepPolicy harmonic = new StepPolicy() {
      @Override
      public float step(TrainingSession s, EncodedBatch batch, double learningRate,
          java.util.function.Consumer<NonFiniteGradientException> onRecompute) {
        return RecomputingStep.run(s, batch, learningRate, onRecompute);
      }

      @Override
      public Schedule schedule(RunConfig config, int trainSize) {
        return step -> 1.0 / (step + 1);
      }
    };
    train(session, harmonic);
    assertEquals(List.of(1.0, 1 / 2.0, 1 / 3.0, 1 / 4.0, 1 / 5.0), rates);
  }

  @Test
  void theDefaultScheduleWarmsUpAndDecaysLinearly() {
    // Hugging Face's linear schedule over the run's 5 steps, warmup ceil(0.06 x 5) = 1
    List<Double> rates = new java.util.ArrayList<>();
    train(new ScriptedSession() {
      @Override
      public float trainStep(EncodedBatch batch, double learningRate) {
        rates.add(learningRate);
        return super.trainStep(batch, learningRate);
      }
    }, RecomputingStep.INSTANCE);
    assertEquals(List.of(0.0, 1e-3, 0.75e-3, 0.5e-3, 0.25e-3), rates.stream()
        .map(r -> Math.round(r * 1e8) / 1e8).toList());
  }

  @Test
  void aStepWhoseGradientIsNotFiniteIsRecomputedOnceAndCounted() {
    ScriptedSession session = new ScriptedSession(3);
    RunResult result = train(session);
    assertEquals(5, session.steps, "40 examples at batch 8: every step still happens once");
    assertEquals(6, session.calls, "the third call failed and was repeated");
    assertEquals(1, result.epochs().get(0).recomputedSteps());
    assertEquals(100.0, result.primary(), 1e-9);
  }

  @Test
  void aStepThatFailsTwiceStopsTheRunNamingIt() {
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> train(new ScriptedSession(2, 3)));
    assertTrue(e.getMessage().contains("step 2") && e.getMessage().contains("again"),
        e.getMessage());
  }

  @Test
  void aNonFiniteLossIsNeverRetried() {
    ScriptedSession session = new ScriptedSession() {
      @Override
      public float trainStep(EncodedBatch batch, double learningRate) {
        calls++;
        TrainingSession.requireFinite(Float.NaN, steps, learningRate);
        return 0f;
      }
    };
    assertThrows(ArithmeticException.class, () -> train(session));
    assertEquals(1, session.calls);
  }

  @Test
  void theFinalEpochIsReportedAndTheBestEpochKeptBeside() {
    // right on every dev example after epoch 1 (5 steps), wrong on every one after epoch 2
    ScriptedSession session = new ScriptedSession() {
      @Override
      public void predict(EncodedBatch batch, PredictionCollector collector) {
        float[] logits = new float[batch.size() * 2];
        for (int i = 0; i < batch.size(); i++) {
          int gold = (int) batch.labels()[i];
          logits[2 * i + (steps <= 5 ? gold : 1 - gold)] = 1f;
        }
        collector.addLogits(logits, batch);
      }
    };
    SmokeData.write(dir, 3, 40, 20);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE,
        ProbeMethod.of(8)).withDataDir(dir).withTraining(1e-3, 2, 8);
    RunResult result;
    try (BatchTokenizer text = BatchTokenizer.load(EncoderSources.smoke(dir.resolve("cache"))
        .tokenizer(), 32)) {
      result = new Trainer(config, new RunFolder(dir.resolve("run")), RecomputingStep.INSTANCE,
          List.of()).train(session, text, TaskData.load(config));
    }
    assertEquals(0.0, result.primary(), 1e-9, "the reported score is the final epoch's");
    assertEquals(100.0, result.bestPrimary(), 1e-9);
    assertEquals(1, result.bestEpoch());
    assertEquals(result.epochs().get(1).metrics(), result.finalMetrics());
    // a result.json of earlier versions (no finalMetrics) reads its last epoch
    String json = slash.core.io.Json.write(result).replaceAll(",\\s*\"finalMetrics\"\\s*:\\s*\\{[^}]*\\}", "");
    assertTrue(!json.contains("finalMetrics"), json);
    RunResult old = slash.core.io.Json.read(json, RunResult.class);
    assertEquals(0.0, old.primary(), 1e-9);
  }

  @Test
  void evaluationPadsLessThanFileOrderAndScoresTheSame() {
    long[] padded = {0};
    ScriptedSession session = new ScriptedSession() {
      @Override
      public void predict(EncodedBatch batch, PredictionCollector collector) {
        padded[0] += (long) batch.size() * batch.length();
        super.predict(batch, collector);
      }
    };
    SmokeData.write(dir, 3, 40, 200);
    RunConfig config = RunConfig.defaults(Task.RTE, Scale.SMOKE, ProbeMethod.of(8))
        .withDataDir(dir);
    try (BatchTokenizer text = BatchTokenizer.load(EncoderSources.smoke(dir.resolve("cache"))
        .tokenizer(), 64)) {
      List<?> dev = TaskData.load(config).dev();
      long fileOrder = 0;
      for (List<?> chunk : slash.core.train.Batches.inOrder(dev, 32)) {
        EncodedBatch batch = TaskData.encode(text, Task.RTE, chunk, config.representation());
        fileOrder += (long) batch.size() * batch.length();
      }
      Map<String, Double> metrics = slash.core.train.Evaluator.score(config, session, text, dev);
      assertEquals(100.0, metrics.get("acc"), 1e-9, "every prediction met its own label");
      assertTrue(padded[0] < fileOrder, padded[0] + " padded tokens, in file order " + fileOrder);
    }
  }
}
