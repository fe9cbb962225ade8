package slash.dl4j;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import slash.core.text.EncodedBatch;

/**
 * One adaptation method on SameDiff: its hooks, its trainable variables (names shared with the DJL
 * engine, so checkpoints cross over), and any per-batch inputs it needs. What the method is (its
 * tensors, init, folding) is its engine-neutral MethodConfig.
 */
public interface SdAdaptation extends SdHooks {
  /** Names of the variables the optimizer updates. */
  List<String> trainableNames();

  /** Variables to differentiate; by default the trainables themselves. */
  default List<String> differentiated() {
    return trainableNames();
  }

  /**
   * Turns the gradients of {@link #differentiated()} into gradients of {@link #trainableNames()}
   * (on-the-fly projections fold the shift gradients back into z here).
   */
  default Map<String, INDArray> trainableGradients(Map<String, INDArray> gradients) {
    return gradients;
  }

  /** Extra placeholders for one batch. */
  default Map<String, INDArray> feeds(EncodedBatch batch) {
    return Map.of();
  }

  /** Called before every forward pass (on-the-fly projections refresh their shifts). */
  default void beforeForward(SameDiff sd) {}

  /**
   * No new variables, no hooks: the linear probe, and full finetuning and BitFit, whose encoder
   * weights the task model makes variables.
   */
  static SdAdaptation none() {
    return () -> List.of();
  }
}
