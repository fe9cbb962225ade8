package slash.djl;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import slash.core.config.MethodConfig;
import slash.core.config.ProjectionStorage;
import slash.core.data.TaskKind;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.text.TextEncoder;

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
      case "jr-warp" -> MethodConfig.jrWarp(16, Distribution.NORMAL);
      case "slash-on-the-fly" -> MethodConfig.slash(16, Distribution.NORMAL)
          .withStorage(ProjectionStorage.ON_THE_FLY);
      default -> MethodConfig.slash(16, Distribution.NORMAL);
    };
    TaskKind kind = tokens ? TaskKind.TOKEN_CLASSIFICATION : TaskKind.CLASSIFICATION;
    try (NDManager root = Fixtures.manager(); TextEncoder text = Fixtures.smokeText();
        TaskModel model = new TaskModel(DjlEncoder.load(weights, root),
            DjlMethods.create(method, weights.config(), root),
            new TaskHead(kind, 3, weights.config().hidden(), 0, root))) {
      EncodedBatch batch = tokens ? Fixtures.tokenBatch(text)
          : Fixtures.batch(text, Representation.MASK);
      GradientLifetime.assertGradientsSurviveGarbageCollection(model, batch, variant);
    }
  }
}
