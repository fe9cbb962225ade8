package slash.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.io.FloatTensor;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.smoke.SmokeData;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.train.TrainingSession;
import slash.djl.DjlSession;
import slash.dl4j.SdSession;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.SlashConfig;

/**
 * The paper's mean +- std over seeds re-draws W_l and z with each seed: an unset projection seed
 * follows the run seed, on both engines; an explicit one pins W and z whatever the run seed.
 */
class ProjectionSeedTest {
  @TempDir static Path dir;

  static Stream<Arguments> cases() {
    return Stream.of(EngineName.values()).flatMap(engine -> Stream.of(
        Arguments.of(engine, SlashConfig.of(48)), Arguments.of(engine, JrWarpConfig.of(24))));
  }

  /** Logits with one fixed z and head: they differ between runs only through W. */
  private static float[] logitsWithFixedState(MethodConfig method, EngineName engine, long seed,
      Map<String, FloatTensor> state, float[][] initialZ) {
    SmokeData.write(dir, 11, 40, 10);
    EncoderWeights weights = EncoderSources.smoke(CrossEngine.CACHE);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, method).withDataDir(dir)
        .withEngine(engine).withSeed(seed);
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        TrainingSession session = Sessions.open(config, weights)) {
      String z = method instanceof SlashConfig ? SlashConfig.Z : JrWarpConfig.Z;
      initialZ[0] = session.modelState().get(z).data();
      session.loadModel(state);
      EncodedBatch batch = text.encode(CrossEngine.SENTENCES, Representation.MASK);
      if (session instanceof DjlSession djl) {
        try (NDManager step = djl.taskModel().encoder().manager().newSubManager()) {
          return djl.taskModel().logits(batch, step).toFloatArray();
        }
      }
      return ((SdSession) session).taskModel().logits(batch).dup('c').data().asFloat();
    }
  }

  private static Map<String, FloatTensor> state(MethodConfig method) {
    SmokeData.write(dir, 11, 40, 10);
    EncoderWeights weights = EncoderSources.smoke(CrossEngine.CACHE);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, method).withDataDir(dir)
        .withSeed(99);
    try (TrainingSession session = Sessions.open(config, weights)) {
      return CrossEngine.perturbed(session.modelState());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void theRunSeedDrawsWAndZ(EngineName engine, MethodConfig method) {
    Map<String, FloatTensor> state = state(method);
    float[][] z0 = new float[1][];
    float[][] z0again = new float[1][];
    float[][] z1 = new float[1][];
    float[] seed0 = logitsWithFixedState(method, engine, 0, state, z0);
    float[] seed0again = logitsWithFixedState(method, engine, 0, state, z0again);
    float[] seed1 = logitsWithFixedState(method, engine, 1, state, z1);
    assertArrayEquals(seed0, seed0again, 0f, "the same seed gives the same W");
    assertArrayEquals(z0[0], z0again[0], 0f, "the same seed gives the same initial z");
    assertFalse(Arrays.equals(seed0, seed1), "another seed gives another W");
    assertFalse(Arrays.equals(z0[0], z1[0]), "another seed gives another initial z");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void anExplicitProjectionSeedPinsWAndZ(EngineName engine, MethodConfig method) {
    MethodConfig pinned = method instanceof SlashConfig s ? s.withProjectionSeed(5)
        : ((JrWarpConfig) method).withProjectionSeed(5);
    Map<String, FloatTensor> state = state(pinned);
    float[][] z0 = new float[1][];
    float[][] z1 = new float[1][];
    float[] seed0 = logitsWithFixedState(pinned, engine, 0, state, z0);
    float[] seed1 = logitsWithFixedState(pinned, engine, 1, state, z1);
    assertArrayEquals(seed0, seed1, 0f, "a pinned projection seed ignores the run seed");
    assertArrayEquals(z0[0], z1[0], 0f);
  }

  @Test
  void anUnsetProjectionSeedStaysUnsetInJsonAndOldFilesKeepTheirs() {
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, SlashConfig.of(48))
        .withDataDir(dir).withSeed(3);
    RunConfig read = RunConfig.fromJson(config.toJson());
    assertNull(((SlashConfig) read.method()).projectionSeed());
    org.junit.jupiter.api.Assertions.assertEquals(config, read);
    org.junit.jupiter.api.Assertions.assertEquals(3L,
        ((SlashConfig) read.resolvedMethod()).projectionSeed());
    // a result.json of earlier versions: projectionSeed 0 written out, W drawn from seed 0
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) slash.core.io.Json.read(
        config.toJson(), com.fasterxml.jackson.databind.JsonNode.class);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("method")).put("projectionSeed", 0);
    RunConfig earlier = RunConfig.fromJson(tree.toString());
    org.junit.jupiter.api.Assertions.assertEquals(0L,
        ((SlashConfig) earlier.resolvedMethod()).projectionSeed());
  }
}
