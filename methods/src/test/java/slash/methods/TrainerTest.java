package slash.methods;

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
import slash.core.config.RunConfig;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.train.Checkpoint;
import slash.core.train.Evaluator;
import slash.core.train.MemoryProbe;
import slash.core.train.RecomputingStep;
import slash.core.train.RunFolder;
import slash.core.train.RunResult;
import slash.core.train.Trainer;
import slash.djl.DjlAdamW;
import slash.djl.DjlSession;
import slash.djl.DjlTaskModel;
import slash.djl.DjlTrainable;
import slash.djl.Fixtures;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.DjlSlash;
import slash.methods.slash.SlashConfig;

class TrainerTest {
  @TempDir Path dir;

  @Test
  void slashLearnsTheSmokeTaskAndOnlyZAndHeadChange() {
    RunConfig config = Fixtures.smokeRun(dir.resolve("data"), Task.SST2,
        SlashConfig.of(64));
    EncoderWeights weights = Fixtures.smokeWeights();
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        DjlSession session = Sessions.djl(config, weights)) {
      DjlTaskModel model = session.taskModel();
      DjlSlash slash = (DjlSlash) model.adaptation();
      float[] zBefore = slash.z().toFloatArray();
      float[] w0Before = model.encoder().parameter("encoder.layer.0.output.dense.bias")
          .toFloatArray();
      TaskData data = TaskData.load(config);
      RunResult result = new Trainer(config, new RunFolder(dir.resolve("run")),
          RecomputingStep.INSTANCE, List.of()).train(session, text, data);
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
        JrWarpConfig.of(32).withDistribution(Distribution.UNIFORM)).withTraining(1e-2, 1, 8);
    RunResult first = Models.train(config, dir.resolve("a"));
    RunResult second = Models.train(config, dir.resolve("b"));
    assertEquals(first.epochs().get(0).trainLoss(), second.epochs().get(0).trainLoss(), 0.0);
    assertEquals(first.bestMetrics(), second.bestMetrics());

    Checkpoint checkpoint = Checkpoint.read(dir.resolve("a").resolve(RunFolder.BEST));
    assertTrue(Files.size(dir.resolve("a").resolve(RunFolder.BEST)) < 4096, "z + head only");
    EncoderWeights weights = Fixtures.smokeWeights();
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        DjlSession restored = Sessions.djl(checkpoint.config(), weights)) {
      restored.loadModel(checkpoint.tensors());
      List<?> dev = TaskData.load(config).dev();
      Map<String, Double> metrics = Evaluator.score(checkpoint.config(), restored, text, dev);
      assertEquals(first.bestMetrics(), metrics);
    }
  }

  @Test
  void interruptedRunResumesFromTheLastEpoch() {
    RunConfig config = Fixtures.smokeRun(dir.resolve("data"), Task.SST2,
        SlashConfig.of(16)).withTraining(1e-2, 2, 8);
    RunResult straight = Models.train(config, dir.resolve("straight"));
    Path resumed = dir.resolve("resumed");
    assertThrows(IllegalStateException.class,
        () -> Models.train(config, resumed, Models.interruptAfter(1)));
    assertFalse(Files.exists(resumed.resolve(RunFolder.RESULT)));
    assertEquals(0, Checkpoint.read(resumed.resolve(RunFolder.LAST)).epoch());
    RunResult finished = Models.train(config, resumed);
    // resuming restores z, head and Adam moments, and the seeded shuffles: same numbers
    assertEquals(straight.epochs().get(1).trainLoss(), finished.epochs().get(1).trainLoss(),
        1e-6);
    assertEquals(straight.bestMetrics(), finished.bestMetrics());
    // a folder holding another config is refused rather than silently mixed
    assertThrows(IllegalStateException.class,
        () -> Models.train(config.withSeed(5), resumed));
  }

  @Test
  void nanLossStopsTheRunWithItsStep() {
    RunConfig config = Fixtures.smokeRun(dir.resolve("data"), Task.STSB,
        SlashConfig.of(16)).withTraining(1e30, 1, 8);
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> Models.train(config, dir.resolve("nan")));
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
      try (DjlAdamW optimizer = new DjlAdamW(List.of(DjlTrainable.of("z", z)), 0, root)) {
        optimizer.zeroGradients();
      }
      assertArrayEquals(new float[3], z.getGradient().toFloatArray());
    }
  }

  @Test
  void memoryStaysFlatOverHundredsOfSteps() {
    EncoderWeights weights = Fixtures.smokeWeights();
    RunConfig config = Fixtures.smokeRun(dir.resolve("data"), Task.SST2,
        SlashConfig.of(64));
    try (NDManager root = Fixtures.manager(); BatchTokenizer text = BatchTokenizer.load(
        weights.tokenizer(), 64); DjlTaskModel model = Models.djl(config, weights, root);
        DjlAdamW optimizer = new DjlAdamW(model.trainables(), 0, root)) {
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
