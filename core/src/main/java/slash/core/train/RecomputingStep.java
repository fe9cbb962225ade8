package slash.core.train;

import java.util.function.Consumer;
import slash.core.text.EncodedBatch;

/**
 * One optimizer step, recomputed once when its gradient comes back non-finite. On DJL/libtorch
 * CPU a backward pass occasionally yields NaN/inf although the loss is finite, and the same batch
 * recomputed from a fresh forward gives a finite gradient (README, "Engines"). A second failure is
 * a real divergence: it is thrown, as is any non-finite loss.
 */
public final class RecomputingStep {
  private RecomputingStep() {}

  /** The step's loss; {@code onRecompute} hears of each recomputed step. */
  public static float run(TrainingSession session, EncodedBatch batch, double learningRate,
      Consumer<NonFiniteGradientException> onRecompute) {
    try {
      return session.trainStep(batch, learningRate);
    } catch (NonFiniteGradientException e) {
      onRecompute.accept(e);
      try {
        return session.trainStep(batch, learningRate);
      } catch (ArithmeticException again) {
        throw new ArithmeticException(again.getMessage() + ", again after recomputing the step");
      }
    }
  }
}
