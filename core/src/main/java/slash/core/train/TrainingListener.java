package slash.core.train;

import slash.core.config.RunConfig;

/**
 * What a run tells the world while it trains (progress bars, logs, tests that stop it), kept out
 * of the loop itself as DJL's {@code TrainingListener} does. Every default does nothing.
 */
public interface TrainingListener {
  /** Training resumes after {@code epochsDone} finished epochs (0: a fresh run). */
  default void onStart(RunConfig config, int epochsDone) {}

  default void onEpochStart(RunConfig config, int epoch, int batches) {}

  default void onStep(float loss) {}

  /** A step whose gradient was not finite is being recomputed (see {@link RecomputingStep}). */
  default void onRecompute(String problem, int epoch) {}

  /** A private run's budget spent so far, after each epoch. */
  default void onPrivacySpent(slash.core.privacy.PrivacyReport spent) {}

  /** After the epoch's evaluation and checkpoints. */
  default void onEpochEnd(RunConfig config, EpochResult result) {}
}
