package slash.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import slash.core.config.EngineName;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.smoke.SmokeData;
import slash.core.text.EncodedBatch;
import slash.core.text.TextEncoder;
import slash.core.train.RunResult;
import slash.djl.DjlSession;
import slash.djl.DjlTrainer;
import slash.dl4j.CrossEngine;
import slash.dl4j.Dl4jTrainer;

/** Every baseline learns the smoke task on both engines, and trains only what it says it trains. */
class BaselineTrainingTest {
  @TempDir Path dir;

  static Stream<Arguments> methods() {
    List<Object[]> methods = List.of(
        new Object[] {MethodConfig.of(Method.FULL), 1e-3},
        new Object[] {MethodConfig.of(Method.BITFIT), 1e-2},
        new Object[] {MethodConfig.lora(8), 1e-2},
        new Object[] {MethodConfig.adapter(8), 1e-2},
        new Object[] {MethodConfig.warp(8), 3e-2},
        new Object[] {MethodConfig.of(Method.LINEAR), 3e-2});
    return Stream.of(EngineName.DJL, EngineName.DL4J).flatMap(engine -> methods.stream()
        .map(m -> Arguments.of(m[0], m[1], engine)));
  }

  private RunConfig smokeRun(MethodConfig method, double lr, EngineName engine) {
    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 400, 100);
    return RunConfig.defaults(Task.SST2, Scale.SMOKE, method).withDataDir(data)
        .withTraining(lr, 6, 16).withEngine(engine);
  }

  @ParameterizedTest(name = "{0} lr {1} on {2}")
  @MethodSource("methods")
  void learnsTheSmokeTask(MethodConfig method, double lr, EngineName engine) {
    RunConfig config = smokeRun(method, lr, engine);
    Path run = dir.resolve("run");
    RunResult result = engine == EngineName.DJL
        ? new DjlTrainer(config, run, CrossEngine.CACHE).quiet().run()
        : new Dl4jTrainer(config, run, CrossEngine.CACHE).quiet().run();
    List<?> dev = TaskData.load(config).dev();
    long positive = dev.stream().filter(e -> ((SentenceExample) e).classIndex() == 1).count();
    double majority = 100.0 * Math.max(positive, dev.size() - positive) / dev.size();
    assertTrue(result.primary() >= majority + 10, method.label() + " on " + engine
        + ": smoke accuracy " + result.primary() + " vs majority class " + majority);
    assertEquals(TrainableLayout.count(method, EncoderSources.smoke(CrossEngine.CACHE).config(),
        2), result.trainableParameters());
  }

  /** No activation of a step outlives it: the arrays the model holds stay the same in number. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("djlMethods")
  void djlStepsLeaveNoArraysBehind(MethodConfig method) {
    EncoderWeights weights = EncoderSources.smoke(CrossEngine.CACHE);
    RunConfig config = smokeRun(method, 1e-2, EngineName.DJL);
    try (TextEncoder text = TextEncoder.load(weights.tokenizer(), 64);
        DjlSession session = DjlSession.open(config, weights)) {
      EncodedBatch batch = TaskData.encode(text, Task.SST2,
          TaskData.load(config).train().subList(0, 8), config.representation());
      session.trainStep(batch, 1e-2);
      var root = session.model().encoder().manager().getParentManager();
      int before = root.getManagedArrays().size();
      for (int step = 0; step < 5; step++) {
        session.trainStep(batch, 1e-2);
        session.predict(batch, new slash.core.metrics.PredictionCollector(Task.SST2));
      }
      assertEquals(before, root.getManagedArrays().size(), method.label()
          + ": arrays left behind by training and prediction steps");
    }
  }

  static Stream<MethodConfig> djlMethods() {
    return Stream.of(MethodConfig.of(Method.BITFIT), MethodConfig.lora(2),
        MethodConfig.adapter(2), MethodConfig.warp(3));
  }

  /** BitFit moves biases and nothing else of the encoder; LoRA moves no encoder weight at all. */
  @Test
  void encoderWeightsOutsideTheMethodStayFrozen() {
    EncoderWeights weights = EncoderSources.smoke(CrossEngine.CACHE);
    for (MethodConfig method : List.of(MethodConfig.of(Method.BITFIT), MethodConfig.lora(2))) {
      RunConfig config = smokeRun(method, 1e-2, EngineName.DJL);
      List<String> trained = TrainableLayout.encoderWeights(method, weights.config());
      try (TextEncoder text = TextEncoder.load(weights.tokenizer(), 64);
          DjlSession session = DjlSession.open(config, weights)) {
        EncodedBatch batch = TaskData.encode(text, Task.SST2,
            TaskData.load(config).train().subList(0, 16), config.representation());
        for (int step = 0; step < 3; step++) {
          session.trainStep(batch, 1e-2);
        }
        int moved = 0;
        for (String name : weights.tensors().keySet()) {
          float[] now = session.model().encoder().parameter(name).toFloatArray();
          if (trained.contains(name)) {
            moved += java.util.Arrays.equals(now, weights.get(name).data()) ? 0 : 1;
          } else {
            assertArrayEquals(weights.get(name).data(), now, name + " must stay frozen under "
                + method.label());
          }
        }
        assertEquals(trained.size(), moved, "every trained encoder weight moves");
      }
    }
  }
}
