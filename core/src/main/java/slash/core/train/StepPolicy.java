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
  /**
   * The batch's loss, the update taken at {@code learningRate} (the schedule's rate for this
   * step); {@code onRecompute} hears of a step that had to be run again.
   */
  float step(TrainingSession session, EncodedBatch batch, double learningRate,
      Consumer<NonFiniteGradientException> onRecompute);

  /**
   * The rate of every step of a run over {@code trainSize} examples: by default Hugging Face's
   * linear decay after the run's warmup, over the steps {@link #batches} gives.
   */
  default Schedule schedule(RunConfig config, int trainSize) {
    return LinearSchedule.of(config.learningRate(),
        Batches.count(trainSize, config.batchSize()) * config.epochs(), config.warmupRatio());
  }

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
