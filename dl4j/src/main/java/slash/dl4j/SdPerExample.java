package slash.dl4j;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SameDiff twin of the DJL engine's DjlPerExample: the method's graph adds a zero variable
 * E_l to every shift (or prompt) that broadcasts over the batch; in per-example mode E_l gets one
 * row per example (or, where the hook sees rows [B*T, d'], one per token, summed per example
 * afterwards), so one backward pass gives the per-example shift gradients, folded into the
 * trainables as grad z_i = sum_l W_l^T g_{l,i}. Outside that mode E_l changes nothing.
 */
public interface SdPerExample {
  /**
   * Sets the copies to a batch of {@code batchSize} sequences of {@code length} tokens (0: back
   * to the shared zeros that broadcast).
   */
  void perExample(SameDiff sd, int batchSize, int length);

  /** The copies' variable names, to differentiate. */
  List<String> perExampleVariables();

  /** Per-example gradients [B][n] of the method's trainables from the copies' gradients. */
  float[][] perExampleGradients(SameDiff sd, Map<String, INDArray> gradients, int batchSize,
      int length);
}
