package slash.methods;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.io.FloatTensor;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.projection.ProjectionStorage;
import slash.core.smoke.SmokeData;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.dl4j.SdEncoder;
import slash.dl4j.SdHooks;
import slash.dl4j.SdTaskModel;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.ShiftPosition;
import slash.methods.slash.SlashConfig;

/**
 * The point of two engines: for the same weights, inputs, z and head, DJL and SameDiff give the
 * same hidden states, logits and gradients (fp32, about 1e-4), for every method and layout.
 */
class EngineParityTest {
  static final Path CACHE = CrossEngine.CACHE;
  @TempDir static Path dir;

  static final List<SentenceExample> SENTENCES = CrossEngine.SENTENCES;

  record Case(String name, MethodConfig method, Representation representation, Task task,
      boolean roberta) {
    Case(String name, MethodConfig method, Representation representation, Task task) {
      this(name, method, representation, task, false);
    }

    EncoderWeights weights() {
      return roberta ? EncoderSources.smokeRoberta(CACHE) : EncoderSources.smoke(CACHE);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("slash output mask", SlashConfig.of(48),
            Representation.MASK, Task.SST2),
        new Case("slash intermediate cls on-the-fly", new SlashConfig(40,
            ShiftPosition.INTERMEDIATE, Distribution.UNIFORM, InitScheme.RANDOM,
            ProjectionStorage.ON_THE_FLY, 3L), Representation.CLS,
            Task.MNLI),
        new Case("slash attention regression", new SlashConfig(24,
            ShiftPosition.ATTENTION, Distribution.NORMAL, InitScheme.RANDOM,
            ProjectionStorage.STORED, 1L), Representation.MASK,
            Task.STSB),
        new Case("slash attention layernorm (Table 7, as released)", new SlashConfig(24,
            ShiftPosition.ATTENTION_LAYERNORM, Distribution.UNIFORM, InitScheme.RANDOM,
            ProjectionStorage.ON_THE_FLY, null), Representation.CLS,
            Task.SST2),
        new Case("jr-warp mask", JrWarpConfig.of(32),
            Representation.MASK, Task.SST2),
        new Case("jr-warp cls", JrWarpConfig.of(32).withDistribution(Distribution.UNIFORM),
            Representation.CLS, Task.RTE),
        new Case("roberta slash output mask", SlashConfig.of(48),
            Representation.MASK, Task.SST2, true),
        new Case("roberta jr-warp mask", JrWarpConfig.of(32),
            Representation.MASK, Task.SST2, true),
        new Case("roberta slash cls regression", SlashConfig.of(16).withDistribution(Distribution.UNIFORM),
            Representation.CLS, Task.STSB, true));
  }

  @BeforeAll
  static void data() {
    SmokeData.write(dir, 11, 40, 10);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void encoderHiddenStatesAgree(boolean roberta) {
    EncoderWeights weights = roberta ? EncoderSources.smokeRoberta(CACHE)
        : EncoderSources.smoke(CACHE);
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        slash.djl.DjlEncoder encoder = slash.djl.DjlEncoder.load(weights, root);
        NDManager step = root.newSubManager()) {
      EncodedBatch batch = text.encode(SENTENCES, Representation.CLS);
      float[] djl = encoder.forward(batch, slash.djl.DjlHooks.NONE, step).toFloatArray();
      org.nd4j.autodiff.samediff.SameDiff sd = org.nd4j.autodiff.samediff.SameDiff.create();
      SdEncoder.build(sd, weights, SdHooks.NONE).rename("hidden");
      float[] dl4j = sd.output(SdEncoder.feeds(weights.config(), batch), "hidden").get("hidden")
          .dup('c').data().asFloat();
      CrossEngine.assertClose(maskPadding(djl, batch), maskPadding(dl4j, batch), 1e-4,
          "hidden states");
    }
  }

  /** Padded positions' states are unspecified (they attend like any other row): zero them. */
  static float[] maskPadding(float[] states, EncodedBatch batch) {
    float[] out = states.clone();
    int h = out.length / (batch.size() * batch.length());
    for (int i = 0; i < batch.size() * batch.length(); i++) {
      if (batch.attentionMask()[i] == 0) {
        java.util.Arrays.fill(out, i * h, (i + 1) * h, 0f);
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void logitsAndGradientsAgree(Case c) {
    RunConfig config = RunConfig.defaults(c.task(), Scale.SMOKE, c.method())
        .withDataDir(dir).withRepresentation(c.representation());
    CrossEngine.assertEnginesAgree(config, c.weights(), dir, text -> batch(text, c), 1e-4);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(ProjectionStorage.class)
  void fusedSlashEqualsUnfusedOnSameDiff(ProjectionStorage storage) {
    EncoderWeights weights = EncoderSources.smoke(CACHE);
    MethodConfig method = SlashConfig.of(48).withStorage(storage);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, method).withDataDir(dir);
    SdTaskModel model = Models.sd(config, weights);
    Map<String, FloatTensor> state = CrossEngine.perturbed(model.state());
    model.load(state);
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64)) {
      EncodedBatch batch = text.encode(SENTENCES, Representation.MASK);
      float[] unfused = model.logits(batch).dup('c').data().asFloat();
      float[] fused = model.fused().logits(batch);
      CrossEngine.assertClose(unfused, fused, 1e-5,
          "fused vs unfused logits (" + storage + ")");
    }
  }

  private static EncodedBatch batch(BatchTokenizer text, Case c) {
    List<SentenceExample> examples = c.task() == Task.STSB
        ? SENTENCES.stream().map(s -> new SentenceExample(s.first(), s.second(), 2.5)).toList()
        : c.task() == Task.MNLI
        ? SENTENCES.stream().map(s -> new SentenceExample(s.first(),
            s.second() == null ? "a story" : s.second(), 2)).toList()
        : SENTENCES;
    return slash.core.data.TaskData.encode(text, c.task(), examples, c.representation());
  }

}
