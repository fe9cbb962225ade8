package slash.core.train;

import java.util.List;
import java.util.function.Consumer;
import slash.core.config.RunConfig;
import slash.core.data.TaskData;
import slash.core.privacy.PrivacyReport;
import slash.core.text.EncodedBatch;

/**
 * How one batch becomes one optimizer update: the seam where private training puts per-sample
 * clipping and noise. The default is {@link RecomputingStep}.
 */
public interface StepPolicy {
  /** The batch's loss; {@code onRecompute} hears of a step that had to be run again. */
  float step(TrainingSession session, EncodedBatch batch, double learningRate,
      Consumer<NonFiniteGradientException> onRecompute);

  /**
   * The batches of one epoch: by default a seeded shuffle cut into batches of the run's size,
   * grouped by length where the run asks for it.
   */
  default <T> List<List<T>> batches(List<T> examples, RunConfig config, int epoch) {
    return config.groupsByLength()
        ? Batches.lengthGrouped(examples, config.batchSize(), config.seed(), epoch,
            TaskData::lengthOf)
        : Batches.shuffled(examples, config.batchSize(), config.seed(), epoch);
  }

  /** The privacy spent after {@code stepsTaken} updates; null for a non-private policy. */
  default PrivacyReport spent(int stepsTaken) {
    return null;
  }
}
