package slash.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import slash.core.config.MethodConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.data.TokenExample;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.smoke.SmokeData;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.text.TextEncoder;

/** Shared set-up: the smoke encoder, smoke data, a few real sentences. */
final class Fixtures {
  static final Path CACHE = Path.of("target", "test-cache");

  static final List<SentenceExample> SENTENCES = List.of(
      new SentenceExample("a good movie with a great story", null, 0),
      new SentenceExample("the man saw the old city", "it was very boring", 1),
      new SentenceExample("they read", null, 1));

  private Fixtures() {}

  static NDManager manager() {
    return NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
  }

  static EncoderWeights smokeWeights() {
    return EncoderSources.smoke(CACHE);
  }

  static TextEncoder smokeText() {
    return TextEncoder.load(smokeWeights().tokenizer(), 64);
  }

  static EncodedBatch batch(TextEncoder text, Representation representation) {
    return text.encode(SENTENCES, representation);
  }

  /** Two sentences tagged for NER (tag indices into a 3-tag set). */
  static EncodedBatch tokenBatch(TextEncoder text) {
    return text.encodeTokens(List.of(
        new TokenExample(List.of("the", "man", "saw", "the", "old", "city"),
            List.of(0, 1, 0, 0, 2, 2)),
        new TokenExample(List.of("they", "read"), List.of(1, 0))));
  }

  static RunConfig smokeRun(Path dataDir, Task task, MethodConfig method) {
    SmokeData.write(dataDir, 11, 400, 100);
    return RunConfig.defaults(task, Scale.SMOKE, method).withDataDir(dataDir)
        .withTraining(3e-2, 6, 16);
  }
}
