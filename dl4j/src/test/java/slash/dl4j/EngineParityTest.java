package slash.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.config.ProjectionStorage;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.config.ShiftPosition;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.smoke.SmokeData;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.text.TextEncoder;
import slash.djl.DjlTrainer;
import slash.djl.TaskModel;

/**
 * The point of two engines: for the same weights, inputs, z and head, DJL and SameDiff give the
 * same hidden states, logits and gradients (fp32, about 1e-4), for every method and layout.
 */
class EngineParityTest {
  static final Path CACHE = Path.of("target", "test-cache");
  @TempDir static Path dir;

  static final List<SentenceExample> SENTENCES = List.of(
      new SentenceExample("a good movie with a great story", null, 0),
      new SentenceExample("the man saw the old city", "it was very boring", 1),
      new SentenceExample("they read", null, 1));

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
        new Case("slash output mask", MethodConfig.slash(48, Distribution.NORMAL),
            Representation.MASK, Task.SST2),
        new Case("slash intermediate cls on-the-fly", new MethodConfig(
            Method.SLASH, 40, ShiftPosition.INTERMEDIATE,
            Distribution.UNIFORM, slash.core.projection.InitScheme.RANDOM,
            ProjectionStorage.ON_THE_FLY, 3L, null, null, null, null), Representation.CLS,
            Task.MNLI),
        new Case("slash attention regression", new MethodConfig(
            Method.SLASH, 24, ShiftPosition.ATTENTION,
            Distribution.NORMAL, slash.core.projection.InitScheme.RANDOM,
            ProjectionStorage.STORED, 1L, null, null, null, null), Representation.MASK,
            Task.STSB),
        new Case("jr-warp mask", MethodConfig.jrWarp(32, Distribution.NORMAL),
            Representation.MASK, Task.SST2),
        new Case("jr-warp cls", MethodConfig.jrWarp(32, Distribution.UNIFORM),
            Representation.CLS, Task.RTE),
        new Case("roberta slash output mask", MethodConfig.slash(48, Distribution.NORMAL),
            Representation.MASK, Task.SST2, true),
        new Case("roberta jr-warp mask", MethodConfig.jrWarp(32, Distribution.NORMAL),
            Representation.MASK, Task.SST2, true),
        new Case("roberta slash cls regression", MethodConfig.slash(16, Distribution.UNIFORM),
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
    try (TextEncoder text = TextEncoder.load(weights.tokenizer(), 64);
        NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        slash.djl.DjlEncoder encoder = slash.djl.DjlEncoder.load(weights, root);
        NDManager step = root.newSubManager()) {
      EncodedBatch batch = text.encode(SENTENCES, Representation.CLS);
      float[] djl = encoder.forward(batch, slash.djl.EncoderHooks.NONE, step).toFloatArray();
      org.nd4j.autodiff.samediff.SameDiff sd = org.nd4j.autodiff.samediff.SameDiff.create();
      SdEncoder.build(sd, weights, GraphHooks.NONE).rename("hidden");
      float[] dl4j = sd.output(SdEncoder.feeds(weights.config(), batch), "hidden").get("hidden")
          .dup('c').data().asFloat();
      assertClose(maskPadding(djl, batch), maskPadding(dl4j, batch), 1e-4, "hidden states");
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
    EncoderWeights weights = c.weights();
    RunConfig config = RunConfig.defaults(c.task(), Scale.SMOKE, c.method())
        .withDataDir(dir).withRepresentation(c.representation());
    Map<String, FloatTensor> state;
    float[] djlLogits;
    Map<String, float[]> djlGrads = new HashMap<>();
    float djlLoss;
    try (TextEncoder text = TextEncoder.load(weights.tokenizer(), 64);
        NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        TaskModel model = new DjlTrainer(config, dir, CACHE).build(weights, root);
        NDManager step = root.newSubManager()) {
      EncodedBatch batch = batch(text, c);
      state = perturbed(model.state());
      model.load(state);
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray logits = model.logits(batch, step);
        djlLogits = logits.toFloatArray();
        NDArray loss = model.loss(logits, batch, step);
        djlLoss = loss.getFloat();
        collector.backward(loss);
      }
      for (var t : model.trainables()) {
        djlGrads.put(t.name(), t.gradient(step).toFloatArray());
      }
    }

    SdTaskModel sd = new SdTaskModel(config, weights);
    sd.load(state); // a DJL state loads into SameDiff: same names, same shapes
    try (TextEncoder text = TextEncoder.load(weights.tokenizer(), 64);
        Dl4jSession session = new Dl4jSession(config, sd)) {
      EncodedBatch batch = batch(text, c);
      float[] logits = sd.logits(batch).dup('c').data().asFloat();
      assertClose(djlLogits, logits, 1e-4, "logits");
      Dl4jSession.Gradients grads = session.gradients(batch);
      assertEquals(djlLoss, grads.loss(), 1e-5, "loss");
      assertEquals(djlGrads.keySet(), grads.byName().keySet());
      for (String name : djlGrads.keySet()) {
        assertClose(djlGrads.get(name), grads.byName().get(name).dup('c').data().asFloat(), 1e-4,
            "gradient of " + name);
      }
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(ProjectionStorage.class)
  void fusedSlashEqualsUnfusedOnSameDiff(ProjectionStorage storage) {
    EncoderWeights weights = EncoderSources.smoke(CACHE);
    MethodConfig method = new MethodConfig(Method.SLASH, 48, ShiftPosition.OUTPUT,
        Distribution.NORMAL, slash.core.projection.InitScheme.RANDOM, storage, 0L, null, null,
        null, null);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, method).withDataDir(dir);
    SdTaskModel model = new SdTaskModel(config, weights);
    Map<String, FloatTensor> state = perturbed(model.state());
    model.load(state);
    try (TextEncoder text = TextEncoder.load(weights.tokenizer(), 64)) {
      EncodedBatch batch = text.encode(SENTENCES, Representation.MASK);
      float[] unfused = model.logits(batch).dup('c').data().asFloat();
      float[] fused = model.fused().logits(batch).dup('c').data().asFloat();
      assertClose(unfused, fused, 1e-5, "fused vs unfused logits (" + storage + ")");
    }
  }

  private static EncodedBatch batch(TextEncoder text, Case c) {
    List<SentenceExample> examples = c.task() == Task.STSB
        ? SENTENCES.stream().map(s -> new SentenceExample(s.first(), s.second(), 2.5)).toList()
        : c.task() == Task.MNLI
        ? SENTENCES.stream().map(s -> new SentenceExample(s.first(),
            s.second() == null ? "a story" : s.second(), 2)).toList()
        : SENTENCES;
    return slash.core.data.TaskData.encode(text, c.task(), examples, c.representation());
  }

  /** Moves every trainable away from its initial value so the test is not about init alone. */
  private static Map<String, FloatTensor> perturbed(Map<String, FloatTensor> state) {
    Random random = new Random(7);
    Map<String, FloatTensor> out = new HashMap<>();
    state.forEach((name, t) -> {
      float[] data = t.data().clone();
      for (int i = 0; i < data.length; i++) {
        data[i] += (float) (0.1 * random.nextGaussian());
      }
      out.put(name, FloatTensor.of(data, t.shape()));
    });
    return out;
  }

  static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    double worst = 0;
    double scale = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    assertTrue(scale > 0, what + " is all zero: the comparison would prove nothing");
    assertTrue(worst <= tolerance * Math.max(1, scale), what + ": max |djl - dl4j| = " + worst
        + " (largest value " + scale + ")");
  }
}
