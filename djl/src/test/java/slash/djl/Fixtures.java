package slash.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.data.TokenExample;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.smoke.SmokeData;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;

/** Shared set-up: the smoke encoder, smoke data, a few real sentences. */
public final class Fixtures {
  public static final Path CACHE = Path.of("target", "test-cache");

  public static final List<SentenceExample> SENTENCES = List.of(
      new SentenceExample("a good movie with a great story", null, 0),
      new SentenceExample("the man saw the old city", "it was very boring", 1),
      new SentenceExample("they read", null, 1));

  private Fixtures() {}

  public static NDManager manager() {
    return NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
  }

  public static EncoderWeights smokeWeights() {
    return EncoderSources.smoke(CACHE);
  }

  public static BatchTokenizer smokeText() {
    return BatchTokenizer.load(smokeWeights().tokenizer(), 64);
  }

  public static EncodedBatch batch(BatchTokenizer text, Representation representation) {
    return text.encode(SENTENCES, representation);
  }

  /** Two sentences tagged for NER (tag indices into a 3-tag set). */
  public static EncodedBatch tokenBatch(BatchTokenizer text) {
    return text.encodeTokens(List.of(
        new TokenExample(List.of("the", "man", "saw", "the", "old", "city"),
            List.of(0, 1, 0, 0, 2, 2)),
        new TokenExample(List.of("they", "read"), List.of(1, 0))));
  }

  public static RunConfig smokeRun(Path dataDir, Task task, MethodConfig method) {
    SmokeData.write(dataDir, 11, 400, 100);
    return RunConfig.defaults(task, Scale.SMOKE, method).withDataDir(dataDir)
        .withTraining(3e-2, 6, 16);
  }
}
