package slash.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.config.MethodConfig;
import slash.core.config.RunConfig;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.text.EncodedBatch;
import slash.core.text.TextEncoder;
import slash.core.train.Checkpoint;
import slash.core.train.MemoryProbe;
import slash.core.train.RunResult;
import slash.core.train.Trainer;

class TrainerTest {
  @TempDir Path dir;

  @Test
  void slashLearnsTheSmokeTaskAndOnlyZAndHeadChange() {
    RunConfig config = Fixtures.smokeRun(dir.resolve("data"), Task.SST2,
        MethodConfig.slash(64, Distribution.NORMAL));
    EncoderWeights weights = Fixtures.smokeWeights();
    DjlTrainer trainer = new DjlTrainer(config, dir.resolve("run"), Fixtures.CACHE).quiet();
    try (NDManager root = Fixtures.manager(); TextEncoder text = TextEncoder.load(
        weights.tokenizer(), 64); TaskModel model = trainer.build(weights, root)) {
      Slash slash = (Slash) model.adaptation();
      float[] zBefore = slash.z().toFloatArray();
      float[] w0Before = model.encoder().parameter("encoder.layer.0.output.dense.bias")
          .toFloatArray();
      TaskData data = TaskData.load(config);
      RunResult result = trainer.train(model, text, data, root);
      assertEquals(config.epochs(), result.epochs().size());
      double majority = majorityPercent(data.dev());
      assertTrue(result.primary() >= majority + 15, "smoke SST-2 accuracy " + result.primary()
          + " vs majority class " + majority);
      assertTrue(result.epochs().get(config.epochs() - 1).trainLoss() < result.epochs().get(0).trainLoss());
      assertFalse(Arrays.equals(zBefore, slash.z().toFloatArray()), "z must train");
      assertArrayEquals(w0Before, model.encoder().parameter("encoder.layer.0.output.dense.bias")
          .toFloatArray(), "the encoder must stay frozen");
      assertArrayEquals(weights.get("encoder.layer.1.attention.self.query.weight").data(),
          model.encoder().parameter("encoder.layer.1.attention.self.query.weight")
              .toFloatArray());
      assertEquals(64 + 2 * 33, result.trainableParameters());
    }
    assertTrue(Files.isRegularFile(dir.resolve("run/result.json")));
  }

  private static double majorityPercent(List<?> dev) {
    long positive = dev.stream().filter(e -> ((SentenceExample) e).classIndex() == 1).count();
    return 100.0 * Math.max(positive, dev.size() - positive) / dev.size();
  }

  @Test
  void sameSeedSameNumbersAndCheckpointReproducesPredictions() throws Exception {
    RunConfig config = Fixtures.smokeRun(dir.resolve("data"), Task.RTE,
        MethodConfig.jrWarp(32, Distribution.UNIFORM)).withTraining(1e-2, 1, 8);
    RunResult first = new DjlTrainer(config, dir.resolve("a"), Fixtures.CACHE).quiet().run();
    RunResult second = new DjlTrainer(config, dir.resolve("b"), Fixtures.CACHE).quiet().run();
    assertEquals(first.epochs().get(0).trainLoss(), second.epochs().get(0).trainLoss(), 0.0);
    assertEquals(first.bestMetrics(), second.bestMetrics());

    Checkpoint checkpoint = Checkpoint.read(dir.resolve("a").resolve(Trainer.BEST));
    assertTrue(Files.size(dir.resolve("a").resolve(Trainer.BEST)) < 4096, "z + head only");
    EncoderWeights weights = Fixtures.smokeWeights();
    DjlTrainer trainer = new DjlTrainer(checkpoint.config(), dir.resolve("c"), Fixtures.CACHE);
    try (NDManager root = Fixtures.manager(); TextEncoder text = TextEncoder.load(
        weights.tokenizer(), 64); TaskModel restored = trainer.build(weights, root)) {
      restored.load(checkpoint.tensors());
      List<?> dev = TaskData.load(config).dev();
      Map<String, Double> metrics = trainer.evaluate(restored, text, dev);
      assertEquals(first.bestMetrics(), metrics);
    }
  }

  @Test
  void interruptedRunResumesFromTheLastEpoch() {
    RunConfig config = Fixtures.smokeRun(dir.resolve("data"), Task.SST2,
        MethodConfig.slash(16, Distribution.NORMAL)).withTraining(1e-2, 2, 8);
    RunResult straight = new DjlTrainer(config, dir.resolve("straight"), Fixtures.CACHE)
        .quiet().run();
    Path resumed = dir.resolve("resumed");
    assertThrows(IllegalStateException.class, () -> new DjlTrainer(config, resumed,
        Fixtures.CACHE).quiet().interruptAfter(1).run());
    assertFalse(Files.exists(resumed.resolve(Trainer.RESULT)));
    assertEquals(0, Checkpoint.read(resumed.resolve(Trainer.LAST)).epoch());
    RunResult finished = new DjlTrainer(config, resumed, Fixtures.CACHE).quiet().run();
    // resuming restores z, head and Adam moments, and the seeded shuffles: same numbers
    assertEquals(straight.epochs().get(1).trainLoss(), finished.epochs().get(1).trainLoss(),
        1e-6);
    assertEquals(straight.bestMetrics(), finished.bestMetrics());
    // a folder holding another config is refused rather than silently mixed
    assertThrows(IllegalStateException.class, () -> new DjlTrainer(config.withSeed(5), resumed,
        Fixtures.CACHE).quiet().run());
  }

  @Test
  void nanLossStopsTheRunWithItsStep() {
    RunConfig config = Fixtures.smokeRun(dir.resolve("data"), Task.STSB,
        MethodConfig.slash(16, Distribution.NORMAL)).withTraining(1e30, 1, 8);
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> new DjlTrainer(config, dir.resolve("nan"), Fixtures.CACHE).quiet().run());
    assertTrue(e.getMessage().contains("step"), e.getMessage());
  }

  @Test
  void zeroingClearsNanGradientsSoAStepCanBeRecomputed() {
    try (NDManager root = Fixtures.manager()) {
      ai.djl.ndarray.NDArray z = root.create(new float[] {1f, 2f, 3f});
      z.setRequiresGradient(true);
      try (var collector = ai.djl.engine.Engine.getEngine("PyTorch").newGradientCollector()) {
        collector.backward(z.mul(Float.NaN).sum());
      }
      assertTrue(Float.isNaN(z.getGradient().toFloatArray()[0]));
      try (AdamW optimizer = new AdamW(List.of(Trainable.of("z", z)), 0, root)) {
        optimizer.zeroGradients();
      }
      assertArrayEquals(new float[3], z.getGradient().toFloatArray());
    }
  }

  @Test
  void memoryStaysFlatOverHundredsOfSteps() {
    EncoderWeights weights = Fixtures.smokeWeights();
    RunConfig config = Fixtures.smokeRun(dir.resolve("data"), Task.SST2,
        MethodConfig.slash(64, Distribution.NORMAL));
    DjlTrainer trainer = new DjlTrainer(config, dir.resolve("mem"), Fixtures.CACHE);
    try (NDManager root = Fixtures.manager(); TextEncoder text = TextEncoder.load(
        weights.tokenizer(), 64); TaskModel model = trainer.build(weights, root);
        AdamW optimizer = new AdamW(model.trainables(), 0, root)) {
      List<SentenceExample> examples = Fixtures.SENTENCES;
      EncodedBatch batch = TaskData.encode(text, Task.SST2, examples,
          config.representation());
      long afterWarmup = 0;
      for (int i = 0; i < 400; i++) {
        try (NDManager step = model.encoder().manager().newSubManager()) {
          try (var collector = ai.djl.engine.Engine.getEngine("PyTorch")
              .newGradientCollector()) {
            collector.backward(model.loss(model.logits(batch, step), batch, step));
          }
          optimizer.step(1e-3, 1.0, step);
          optimizer.zeroGradients();
        }
        if (i == 99) {
          afterWarmup = MemoryProbe.rssBytes();
        }
      }
      long growth = MemoryProbe.rssBytes() - afterWarmup;
      assertTrue(growth < 40L << 20, "RSS grew by " + (growth >> 20) + " MB over 300 steps");
      assertEquals(0, model.encoder().manager().getManagedArrays().stream()
          .filter(a -> !model.encoder().parameters().containsValue(a)).count(),
          "no activation may outlive its step");
    }
  }
}
