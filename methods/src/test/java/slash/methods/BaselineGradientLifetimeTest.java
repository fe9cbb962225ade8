package slash.methods;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import slash.baselines.adapter.AdapterConfig;
import slash.baselines.bitfit.BitFitConfig;
import slash.baselines.full.FullConfig;
import slash.baselines.linear.LinearConfig;
import slash.baselines.lora.LoraConfig;
import slash.baselines.warp.WarpConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.text.BatchTokenizer;
import slash.core.text.Representation;
import slash.djl.DjlTaskModel;
import slash.djl.GradientLifetime;

/** Every baseline's gradients on DJL are independent of when the JVM collects garbage. */
class BaselineGradientLifetimeTest {
  private static final Path CACHE = CrossEngine.CACHE;

  static Stream<MethodConfig> methods() {
    return Stream.of(new FullConfig(), new BitFitConfig(),
        LoraConfig.of(2), new AdapterConfig(4), new WarpConfig(3),
        new LinearConfig());
  }

  @ParameterizedTest
  @MethodSource("methods")
  void gradientSurvivesAGarbageCollectionBetweenForwardAndBackward(MethodConfig method) {
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, method);
    EncoderWeights weights = EncoderSources.smoke(CACHE);
    try (NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        DjlTaskModel model = Models.djl(config, weights, root)) {
      GradientLifetime.assertGradientsSurviveGarbageCollection(model, text.encode(List.of(
          new SentenceExample("a good movie with a great story", null, 0),
          new SentenceExample("they read", null, 1)), Representation.MASK), method.label());
    }
  }
}
