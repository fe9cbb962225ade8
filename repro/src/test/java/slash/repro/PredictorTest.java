package slash.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.smoke.SmokeData;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.train.Checkpoint;
import slash.core.train.RunFolder;
import slash.core.train.Runs;
import slash.core.train.TrainingSession;
import slash.methods.Sessions;
import slash.methods.slash.SlashConfig;

/**
 * {@code slash predict}: a trained SLaSh checkpoint labels raw sentences by fused inference, the
 * same labels on both engines, and as many right as the unfused forward gets right.
 */
class PredictorTest {
  private static final Path CACHE = Path.of("target", "test-cache");

  @TempDir Path dir;

  @Test
  void fusedLabelsAgreeAcrossEnginesAndWithTheUnfusedForward() {
    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 400, 100);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE,
        SlashConfig.of(64)).withDataDir(data)
        .withTraining(3e-2, 6, 16).withMaxLength(64);
    Path run = dir.resolve("run");
    Runs.train(config, run, CACHE, Sessions.factory(config), List.of());
    Checkpoint checkpoint = Checkpoint.read(run.resolve(RunFolder.BEST));

    List<SentenceExample> dev = TaskData.load(config).dev().stream()
        .map(SentenceExample.class::cast).limit(48).toList();
    List<String> sentences = dev.stream().map(SentenceExample::first).toList();
    List<String> onDjl = Predictor.labels(checkpoint, config, sentences, CACHE);
    List<String> onDl4j = Predictor.labels(checkpoint, config.withEngine(EngineName.DL4J),
        sentences, CACHE);
    assertEquals(onDjl, onDl4j, "fused labels, DJL vs DL4J");

    long right = 0;
    for (int i = 0; i < dev.size(); i++) {
      right += onDjl.get(i).equals(Task.SST2.labels().get(dev.get(i).classIndex())) ? 1 : 0;
    }
    double unfusedAccuracy = unfusedAccuracy(config, checkpoint, dev);
    assertEquals(unfusedAccuracy, 100.0 * right / dev.size(), 1e-9,
        "accuracy of the fused labels vs the unfused forward");
    assertTrue(unfusedAccuracy >= 60, "the trained checkpoint learned: " + unfusedAccuracy);
  }

  private static double unfusedAccuracy(RunConfig config, Checkpoint checkpoint,
      List<SentenceExample> examples) {
    EncoderWeights weights = EncoderSources.load(config, CACHE);
    try (BatchTokenizer text = BatchTokenizer.forEncoder(weights, config.maxLength());
        TrainingSession session = Sessions.open(config, weights)) {
      session.loadModel(checkpoint.tensors());
      EncodedBatch batch = text.encode(examples, config.representation());
      PredictionCollector collector = new PredictionCollector(config.task());
      session.predict(batch, collector);
      return collector.score().get("acc");
    }
  }

  @Test
  void inputsMustMatchTheTaskShape() {
    assertEquals(new SentenceExample("a cat", "a dog", 0),
        Predictor.example(Task.MNLI, "a cat ||| a dog"));
    assertEquals(new SentenceExample("fine", null, 0), Predictor.example(Task.SST2, " fine "));
    IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
        () -> Predictor.example(Task.SST2, "a ||| b"));
    assertEquals("'a ||| b': SST-2 takes one sentence, without |||", single.getMessage());
    IllegalArgumentException pair = assertThrows(IllegalArgumentException.class,
        () -> Predictor.example(Task.RTE, "only one"));
    assertEquals("'only one': RTE takes a pair of sentences, written \"first ||| second\"",
        pair.getMessage());
  }
}
