package slash.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import slash.baselines.bitfit.BitFitConfig;
import slash.baselines.full.FullConfig;
import slash.baselines.linear.LinearConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.method.MethodConfig;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.smoke.SmokeData;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.dl4j.SdRuntime;
import slash.dl4j.SdSession;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.SlashConfig;

/**
 * Reused buffers must never leak one step's numbers into another: SameDiff's sessions and the
 * trainer hand their op outputs, inputs and gradients back to the DL4J engine's SdArrayPool, and
 * the next pass takes them again. Interleaving passes of other shapes and kinds must change
 * nothing, bit for bit.
 */
class SdArrayPoolTest {
  @TempDir static Path dir;

  @BeforeAll
  static void data() {
    SmokeData.write(dir, 11, 40, 10);
    SdRuntime.configure(); // binds SameDiff's sessions to the pool
  }

  static Stream<MethodConfig> methods() {
    return Stream.of(SlashConfig.of(32).withDistribution(Distribution.NORMAL),
        JrWarpConfig.of(16).withDistribution(Distribution.UNIFORM), new LinearConfig(),
        new BitFitConfig(), new FullConfig());
  }

  @ParameterizedTest
  @MethodSource("methods")
  void interleavedPassesOfOtherShapesChangeNoGradientAndNoTrajectory(MethodConfig method) {
    EncoderWeights weights = EncoderSources.smoke(CrossEngine.CACHE);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, method).withDataDir(dir)
        .withRepresentation(Representation.MASK);
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        SdSession plain = new SdSession(config, Models.sd(config, weights));
        SdSession mixed = new SdSession(config, Models.sd(config, weights))) {
      @SuppressWarnings("unchecked")
      List<SentenceExample> train = (List<SentenceExample>) TaskData.load(config).train();
      EncodedBatch a = TaskData.encode(text, Task.SST2, train.subList(0, 4),
          config.representation());
      EncodedBatch b = TaskData.encode(text, Task.SST2, train.subList(4, 9),
          config.representation());
      assertTrue(a.length() != b.length() || a.size() != b.size(), "batches of two shapes");

      Map<String, float[]> first = copy(mixed.gradients(a));
      mixed.gradients(b);
      mixed.predict(b, new PredictionCollector(Task.SST2));
      Map<String, float[]> again = copy(mixed.gradients(a));
      assertEquals(first.keySet(), again.keySet());
      first.forEach((name, g) -> assertArrayEquals(g, again.get(name), name));

      for (int step = 0; step < 3; step++) {
        float lossPlain = plain.trainStep(a, 1e-2);
        float lossMixed = mixed.trainStep(a, 1e-2);
        assertEquals(lossPlain, lossMixed, 0f, "loss of step " + step);
        mixed.predict(b, new PredictionCollector(Task.SST2));
        mixed.gradients(b);
      }
      plain.modelState().forEach((name, t) -> assertArrayEquals(t.data(),
          mixed.modelState().get(name).data(), name + " after 3 steps"));
    }
  }

  private static Map<String, float[]> copy(SdSession.Gradients gradients) {
    Map<String, float[]> out = new LinkedHashMap<>();
    gradients.byName().forEach((name, g) -> out.put(name, g.dup('c').data().asFloat()));
    out.put("loss", new float[] {gradients.loss()});
    return out;
  }
}
