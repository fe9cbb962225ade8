package slash.methods;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderWeights;
import slash.core.projection.ProjectionStorage;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.djl.DjlTaskModel;
import slash.djl.Fixtures;
import slash.djl.GradientLifetime;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.SlashConfig;

/**
 * SLaSh and JR-WARP gradients, through the sequence and the token heads, do not depend on when
 * the JVM collects garbage (the "libtorch fault" that used to hit a random step).
 */
class GradientLifetimeTest {
  @ParameterizedTest
  @ValueSource(strings = {"slash", "jr-warp", "slash-tokens", "slash-on-the-fly"})
  void gradientSurvivesAGarbageCollectionBetweenForwardAndBackward(String variant) {
    EncoderWeights weights = Fixtures.smokeWeights();
    boolean tokens = variant.endsWith("-tokens");
    MethodConfig method = switch (variant) {
      case "jr-warp" -> JrWarpConfig.of(16);
      case "slash-on-the-fly" -> SlashConfig.of(16)
          .withStorage(ProjectionStorage.ON_THE_FLY);
      default -> SlashConfig.of(16);
    };
    try (NDManager root = Fixtures.manager(); BatchTokenizer text = Fixtures.smokeText();
        DjlTaskModel model = Models.djl(RunConfig.defaults(tokens ? Task.CONLL2003 : Task.MNLI,
            Scale.SMOKE, method), weights, root)) {
      EncodedBatch batch = tokens ? Fixtures.tokenBatch(text)
          : Fixtures.batch(text, Representation.MASK);
      GradientLifetime.assertGradientsSurviveGarbageCollection(model, batch, variant);
    }
  }
}
