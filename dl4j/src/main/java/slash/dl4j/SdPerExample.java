package slash.dl4j;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SameDiff twin of the DJL engine's DjlPerExample: the method's graph adds a zero variable
 * E_l of shape [1, 1, d'] to every shift (or prompt); in per-example mode E_l becomes [B, 1, d']
 * zeros, so one backward pass gives the per-example shift gradients, folded into the trainables
 * as grad z_i = sum_l W_l^T g_{l,i}. Outside that mode E_l broadcasts and changes nothing.
 */
public interface SdPerExample {
  /** Sets the copies to {@code batchSize} rows (0: back to the shared [1, 1, d'] zeros). */
  void perExample(SameDiff sd, int batchSize);

  /** The copies' variable names, to differentiate. */
  List<String> perExampleVariables();

  /** Per-example gradients [B][n] of the method's trainables from the copies' gradients. */
  float[][] perExampleGradients(SameDiff sd, Map<String, INDArray> gradients, int batchSize);
}
