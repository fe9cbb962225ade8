package slash.dl4j;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderWeights;
import slash.core.text.EncodedBatch;

/**
 * One adaptation method on SameDiff: its hooks, its trainable variables (names shared with the DJL
 * engine, so checkpoints cross over), and any per-batch inputs it needs.
 */
public interface SdAdaptation extends GraphHooks {
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
   * The encoder's weights with this method folded in, from the trained {@code state}, for
   * hook-free inference; {@code null} when the method cannot fold (prompts, adapters).
   */
  default EncoderWeights fuse(EncoderWeights weights, Map<String, FloatTensor> state) {
    return null;
  }
}
