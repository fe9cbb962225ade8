package slash.core.train;

import java.nio.file.Path;
import java.util.function.Function;
import slash.core.config.RunConfig;
import slash.core.data.TaskData;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.text.TextEncoder;

/** One run end to end, whatever the engine: weights, data, tokenizer, session, {@link Trainer}. */
public final class Runs {
  private Runs() {}

  public static RunResult train(RunConfig config, Path runDir, Path cacheDir,
      Function<EncoderWeights, TrainingSession> engine, Trainer trainer) {
    EncoderWeights weights = EncoderSources.load(config, cacheDir);
    TaskData data = TaskData.load(config);
    try (TextEncoder text = TextEncoder.forEncoder(weights, config.maxLength());
        TrainingSession session = engine.apply(weights)) {
      return trainer.train(session, text, data);
    }
  }
}
