package slash.core.train;

import java.util.function.Consumer;
import slash.core.text.EncodedBatch;

/**
 * One optimizer step, recomputed once when its gradient comes back non-finite while the loss is
 * finite. The known cause of that on DJL (a scalar operand freed under autograd; README,
 * "Engines") is fixed, so this is a guard: a recompute is counted in the result, and a second
 * failure is a real divergence: it is thrown, as is any non-finite loss.
 */
public final class RecomputingStep implements StepPolicy {
  public static final RecomputingStep INSTANCE = new RecomputingStep();

  private RecomputingStep() {}

  @Override
  public float step(TrainingSession session, EncodedBatch batch, double learningRate,
      Consumer<NonFiniteGradientException> onRecompute) {
    return run(session, batch, learningRate, onRecompute);
  }

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
