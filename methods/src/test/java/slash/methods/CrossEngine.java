package slash.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import slash.core.config.RunConfig;
import slash.core.data.SentenceExample;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderWeights;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.djl.DjlTaskModel;
import slash.dl4j.SdSession;
import slash.dl4j.SdTaskModel;

/**
 * The cross-engine check every method must pass: the same weights, trainable state and batch give
 * the same logits, loss and gradients on DJL and on SameDiff. Shared by the engines' and the
 * baselines' parity tests.
 */
public final class CrossEngine {
  public static final Path CACHE = Path.of("target", "test-cache");

  public static final List<SentenceExample> SENTENCES = List.of(
      new SentenceExample("a good movie with a great story", null, 0),
      new SentenceExample("the man saw the old city", "it was very boring", 1),
      new SentenceExample("they read", null, 1));

  private CrossEngine() {}

  /** Logits, loss and the gradient of every trainable tensor of one forward/backward. */
  public record Pass(float[] logits, float loss, Map<String, float[]> gradients) {}

  /**
   * Runs {@code config} on both engines from the same (perturbed) state and asserts that logits,
   * loss and gradients agree to {@code tolerance}; returns the DJL pass for further checks.
   */
  public static Pass assertEnginesAgree(RunConfig config, EncoderWeights weights, Path dataDir,
      Function<BatchTokenizer, EncodedBatch> batches, double tolerance) {
    Map<String, FloatTensor> state;
    Pass djl;
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        DjlTaskModel model = Models.djl(config, weights, root);
        NDManager step = root.newSubManager()) {
      EncodedBatch batch = batches.apply(text);
      state = perturbed(model.state());
      model.load(state);
      float[] logits;
      float loss;
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray out = model.logits(batch, step);
        logits = out.toFloatArray();
        NDArray lossArray = model.loss(out, batch, step);
        loss = lossArray.getFloat();
        collector.backward(lossArray);
      }
      Map<String, float[]> grads = new LinkedHashMap<>();
      for (var t : model.trainables()) {
        grads.put(t.name(), t.gradient(step).toFloatArray());
      }
      djl = new Pass(logits, loss, grads);
    }

    SdTaskModel sd = Models.sd(config, weights);
    sd.load(state); // a DJL state loads into SameDiff: same names, same shapes
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        SdSession session = new SdSession(config, sd)) {
      EncodedBatch batch = batches.apply(text);
      assertClose(djl.logits(), sd.logits(batch).dup('c').data().asFloat(), tolerance, "logits");
      SdSession.Gradients grads = session.gradients(batch);
      assertEquals(djl.loss(), grads.loss(), 1e-5, "loss");
      assertEquals(djl.gradients().keySet(), grads.byName().keySet());
      for (String name : djl.gradients().keySet()) {
        assertClose(djl.gradients().get(name),
            grads.byName().get(name).dup('c').data().asFloat(), tolerance, "gradient of " + name);
      }
    }
    return djl;
  }

  /** Moves every trainable away from its initial value so the test is not about init alone. */
  public static Map<String, FloatTensor> perturbed(Map<String, FloatTensor> state) {
    Random random = new Random(7);
    Map<String, FloatTensor> out = new LinkedHashMap<>();
    state.forEach((name, t) -> {
      float[] data = t.data().clone();
      for (int i = 0; i < data.length; i++) {
        data[i] += (float) (0.1 * random.nextGaussian());
      }
      out.put(name, FloatTensor.of(data, t.shape()));
    });
    return out;
  }

  /** Max absolute difference within {@code tolerance} times max(1, largest value). */
  public static void assertClose(float[] expected, float[] actual, double tolerance,
      String what) {
    assertEquals(expected.length, actual.length, what + " length");
    double worst = 0;
    double scale = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    assertTrue(scale > 0, what + " is all zero: the comparison would prove nothing");
    assertTrue(worst <= tolerance * Math.max(1, scale), what + ": max |expected - actual| = "
        + worst + " (largest value " + scale + ")");
  }
}
