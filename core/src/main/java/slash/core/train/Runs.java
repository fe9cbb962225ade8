package slash.core.train;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import slash.core.config.RunConfig;
import slash.core.data.TaskData;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.text.BatchTokenizer;

/**
 * The one way to start a run, whatever the engine and method: weights, data, tokenizer, session,
 * {@link Trainer}, into a {@link RunFolder}.
 */
public final class Runs {
  private Runs() {}

  /** Opens the engine's session for a config around loaded weights. */
  public interface SessionFactory extends Function<EncoderWeights, TrainingSession> {}

  public static RunResult train(RunConfig config, Path runDir, Path cacheDir,
      SessionFactory engine, List<TrainingListener> listeners) {
    TaskData data = TaskData.load(config); // first: a bad row fails before the model loads
    // a private run calibrates sigma (or refuses its budget) before the model loads
    StepPolicy policy = config.isPrivate() ? new DpSgdStep(config.validate(), data.train().size())
        : RecomputingStep.INSTANCE;
    // the folder is checked (writable, not in use, not another config's) before the model loads
    try (RunFolder folder = new RunFolder(runDir).open(config.validate())) {
      EncoderWeights weights = EncoderSources.load(config, cacheDir);
      try (BatchTokenizer tokenizer = BatchTokenizer.forEncoder(weights, config.maxLength());
          TrainingSession session = engine.apply(weights)) {
        return new Trainer(config, folder, policy, listeners).train(session, tokenizer, data);
      }
    }
  }
}
