package slash.core.train;

import java.util.function.Consumer;
import slash.core.text.EncodedBatch;

/**
 * How one batch becomes one optimizer update: the seam where private training puts per-sample
 * clipping and noise. The default is {@link RecomputingStep}.
 */
public interface StepPolicy {
  /** The batch's loss; {@code onRecompute} hears of a step that had to be run again. */
  float step(TrainingSession session, EncodedBatch batch, double learningRate,
      Consumer<NonFiniteGradientException> onRecompute);
}
