package slash.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import slash.baselines.adapter.AdapterConfig;
import slash.baselines.bitfit.BitFitConfig;
import slash.baselines.full.FullConfig;
import slash.baselines.linear.LinearConfig;
import slash.baselines.lora.LoraConfig;
import slash.baselines.warp.WarpConfig;
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
import slash.core.train.FusedModel;
import slash.core.train.TrainingSession;
import slash.djl.DjlSession;
import slash.dl4j.SdSession;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.SlashConfig;

/**
 * What every registered method must pass, walked from {@link MethodRegistry}: the same logits,
 * loss and gradients on both engines; fused inference equal to the unfused model where the
 * method folds (and an honest "not folded" where it does not), on both engines; and training
 * that lowers the loss on a batch. A method added to the registry without an example here fails.
 */
class MethodConformanceTest {
  /** A smoke-sized config of every registered method (the smoke encoder's hidden size is 32). */
  static final Map<String, MethodConfig> EXAMPLES = Map.of(
      "slash", SlashConfig.of(48),
      "jr-warp", JrWarpConfig.of(24),
      "full", new FullConfig(),
      "linear", new LinearConfig(),
      "bitfit", new BitFitConfig(),
      "lora", LoraConfig.of(4),
      "adapter", new AdapterConfig(8),
      "warp", new WarpConfig(4));

  @TempDir Path dir;

  static Stream<String> registered() {
    return MethodRegistry.all().stream().map(MethodEntry::id);
  }

  private RunConfig config(String id, EngineName engine) {
    MethodConfig method = EXAMPLES.get(id);
    assertNotNull(method, id + " is registered but has no example in MethodConformanceTest");
    assertTrue(MethodRegistry.byId(id).type().isInstance(method), id);
    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 400, 100);
    return RunConfig.defaults(Task.SST2, Scale.SMOKE, method).withDataDir(data)
        .withEngine(engine);
  }

  @Test
  void everyRegisteredMethodHasAnExample() {
    registered().forEach(id -> assertNotNull(EXAMPLES.get(id), id));
    assertEquals(MethodRegistry.all().size(), EXAMPLES.size(), "no example of an unknown method");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registered")
  void enginesAgree(String id) {
    CrossEngine.assertEnginesAgree(config(id, EngineName.DJL), weights(), dir,
        text -> text.encode(CrossEngine.SENTENCES, Representation.MASK), 1e-4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registered")
  void fusedEqualsUnfusedOnBothEngines(String id) {
    EncoderWeights weights = weights();
    float[][] fusedByEngine = new float[2][];
    Map<String, FloatTensor> state = null;
    for (EngineName engine : EngineName.values()) {
      RunConfig config = config(id, engine);
      try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
          TrainingSession session = Sessions.open(config, weights)) {
        if (state == null) { // the same trained state on both engines
          state = CrossEngine.perturbed(session.modelState());
        }
        session.loadModel(state);
        EncodedBatch batch = text.encode(CrossEngine.SENTENCES, Representation.MASK);
        float[] unfused = logits(session, batch);
        Optional<EncoderWeights> folded = config.resolvedMethod().fold(
            weights.updatedFrom(state, "trained"), state);
        try (FusedModel fused = session.fused()) {
          assertEquals(folded.isPresent(), fused.folded(), id + " on " + engine);
          float[] logits = fused.logits(batch);
          CrossEngine.assertClose(unfused, logits, 1e-5, id + " fused vs unfused on " + engine);
          fusedByEngine[engine.ordinal()] = logits;
        }
      }
    }
    CrossEngine.assertClose(fusedByEngine[0], fusedByEngine[1], 1e-4, id + " fused, DJL vs DL4J");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registered")
  void trainingLowersTheLossOfABatch(String id) {
    EncoderWeights weights = weights();
    RunConfig config = config(id, EngineName.DJL);
    double lr = config.method() instanceof FullConfig ? 1e-3 : 1e-2;
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        TrainingSession session = Sessions.open(config, weights)) {
      EncodedBatch batch = text.encode(CrossEngine.SENTENCES, Representation.MASK);
      float first = session.trainStep(batch, lr);
      float last = first;
      for (int step = 0; step < 15; step++) {
        last = session.trainStep(batch, lr);
      }
      assertTrue(last < first, id + ": loss " + first + " -> " + last);
    }
  }

  /** The unfused forward pass (the method's hooks running). */
  private static float[] logits(TrainingSession session, EncodedBatch batch) {
    if (session instanceof DjlSession djl) {
      try (NDManager step = djl.taskModel().encoder().manager().newSubManager()) {
        return djl.taskModel().logits(batch, step).toFloatArray();
      }
    }
    return ((SdSession) session).taskModel().logits(batch).dup('c').data().asFloat();
  }

  private static EncoderWeights weights() {
    return EncoderSources.smoke(CrossEngine.CACHE);
  }
}
