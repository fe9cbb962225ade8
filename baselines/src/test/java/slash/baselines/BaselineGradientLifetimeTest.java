package slash.baselines;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.text.Representation;
import slash.core.text.TextEncoder;
import slash.djl.GradientLifetime;
import slash.djl.TaskModel;
import slash.dl4j.CrossEngine;

/** Every baseline's gradients on DJL are independent of when the JVM collects garbage. */
class BaselineGradientLifetimeTest {
  private static final Path CACHE = CrossEngine.CACHE;

  static Stream<MethodConfig> methods() {
    return Stream.of(MethodConfig.of(Method.FULL), MethodConfig.of(Method.BITFIT),
        MethodConfig.lora(2), MethodConfig.adapter(4), MethodConfig.warp(3),
        MethodConfig.of(Method.LINEAR));
  }

  @ParameterizedTest
  @MethodSource("methods")
  void gradientSurvivesAGarbageCollectionBetweenForwardAndBackward(MethodConfig method) {
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, method);
    EncoderWeights weights = EncoderSources.smoke(CACHE);
    try (NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        TextEncoder text = TextEncoder.load(weights.tokenizer(), 64);
        TaskModel model = TaskModel.build(config, weights, root)) {
      GradientLifetime.assertGradientsSurviveGarbageCollection(model, text.encode(List.of(
          new SentenceExample("a good movie with a great story", null, 0),
          new SentenceExample("they read", null, 1)), Representation.MASK), method.label());
    }
  }
}
