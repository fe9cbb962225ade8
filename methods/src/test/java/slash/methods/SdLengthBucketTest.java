package slash.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.baselines.full.FullConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.smoke.SmokeData;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.dl4j.SdRuntime;
import slash.dl4j.SdSession;
import slash.methods.slash.SlashConfig;

/**
 * The DL4J engine pads each batch to a multiple of 16 tokens so that an epoch's batches share a
 * few shapes: padding it adds must change no logit, loss, gradient or score.
 */
class SdLengthBucketTest {
  @TempDir static Path dir;
  static EncoderWeights weights;

  @BeforeAll
  static void data() {
    SmokeData.write(dir, 11, 40, 24);
    SdRuntime.configure();
    weights = EncoderSources.smoke(CrossEngine.CACHE);
  }

  private static RunConfig config(Task task, slash.core.method.MethodConfig method) {
    return RunConfig.defaults(task, Scale.SMOKE, method).withDataDir(dir).withMaxLength(64);
  }

  /** The first {@code n} consecutive dev examples whose length is not a multiple of 16. */
  private static EncodedBatch firstBatch(RunConfig config, BatchTokenizer text, int n) {
    List<?> dev = TaskData.load(config).dev();
    for (int start = 0; start + n <= dev.size(); start++) {
      EncodedBatch batch = TaskData.encode(text, config.task(), dev.subList(start, start + n),
          config.representation());
      if (batch.length() % 16 != 0 && batch.length() < 48) {
        return batch;
      }
    }
    throw new AssertionError("no dev batch of " + n + " with an uneven length");
  }

  @Test
  void paddingToTheBucketChangesNoLogitLossOrGradient() {
    RunConfig config = config(Task.SST2, SlashConfig.of(32).withDistribution(Distribution.NORMAL));
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        SdSession session = new SdSession(config, Models.sd(config, weights))) {
      EncodedBatch batch = firstBatch(config, text, 6);
      EncodedBatch bucketed = session.bucketed(batch);
      assertEquals((batch.length() + 15) / 16 * 16, bucketed.length());
      CrossEngine.assertClose(session.taskModel().logits(batch).dup('c').data().asFloat(),
          session.taskModel().logits(bucketed).dup('c').data().asFloat(), 1e-5, "logits");
      // 16 and 48 padded tokens: the same loss and gradients
      SdSession.Gradients near = session.gradients(batch);
      float loss = near.loss();
      java.util.Map<String, float[]> grads = new java.util.HashMap<>();
      near.byName().forEach((n, g) -> grads.put(n, g.dup('c').data().asFloat()));
      SdSession.Gradients far = session.gradients(batch.paddedTo(64, 0));
      assertEquals(loss, far.loss(), 1e-6, "loss");
      grads.forEach((name, g) -> CrossEngine.assertClose(g,
          far.byName().get(name).dup('c').data().asFloat(), 1e-5, "gradient of " + name));
    }
  }

  @Test
  void tokenScoresReadTheBucketedLogitsInPlace() {
    RunConfig config = config(Task.CONLL2003, SlashConfig.of(32));
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        SdSession session = new SdSession(config, Models.sd(config, weights))) {
      EncodedBatch batch = firstBatch(config, text, 8);
      EncodedBatch padded = session.bucketed(batch);
      assertTrue(padded.length() > batch.length(), "the bucket pads");
      float[] exactLogits = session.taskModel().logits(batch).dup('c').data().asFloat();
      float[] paddedLogits = session.taskModel().logits(padded).dup('c').data().asFloat();
      int classes = Task.CONLL2003.outputSize();
      for (int i = 0; i < batch.size(); i++) { // row i's real positions, in both layouts
        CrossEngine.assertClose(
            java.util.Arrays.copyOfRange(exactLogits, i * batch.length() * classes,
                (i + 1) * batch.length() * classes),
            java.util.Arrays.copyOfRange(paddedLogits, i * padded.length() * classes,
                (i * padded.length() + batch.length()) * classes), 1e-5, "row " + i);
      }
      PredictionCollector bucketed = new PredictionCollector(Task.CONLL2003);
      session.predict(batch, bucketed);
      PredictionCollector exact = new PredictionCollector(Task.CONLL2003);
      exact.addLogits(session.taskModel().logits(batch).dup('c').data().asFloat(), batch);
      assertEquals(exact.score(), bucketed.score());
    }
  }

  @Test
  void fullFinetuningKeepsItsExactLengthForDjlsDropoutMasks() {
    RunConfig config = config(Task.SST2, new FullConfig());
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        SdSession session = new SdSession(config, Models.sd(config, weights))) {
      EncodedBatch batch = firstBatch(config, text, 4);
      assertSame(batch, session.bucketed(batch));
    }
  }
}
