package slash.dl4j;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.config.MethodConfig;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;
import slash.core.text.EncodedBatch;

/**
 * JR-WARP (prompt length 1) on SameDiff, the twin of the DJL engine's JrWarp: W_0 z enters as an
 * extra position in front of the embeddings, later layers add W_l z to that position, and the
 * position is removed before the head.
 */
public final class SdJrWarp implements SdAdaptation {
  public static final String Z = TrainableLayout.JR_WARP_Z;
  /** [1, T + 1, 1]: 1 at the prompt position, 0 elsewhere. */
  private static final String PROMPT_POSITION = "jrwarp.position0";

  private final SdProjections projections;
  private final int hiddenSize;
  private List<SDVariable> prompts = List.of();
  private SDVariable promptPosition;

  public SdJrWarp(EncoderConfig encoder, MethodConfig method) {
    method.validate(encoder.hidden(), encoder.intermediate());
    this.projections = new SdProjections(method, Z, encoder.hidden(), encoder.layers());
    this.hiddenSize = encoder.hidden();
  }

  @Override
  public void beginGraph(SameDiff sd) {
    prompts = projections.shifts(sd, projections.createZ(sd), "jrwarp.W.");
    promptPosition = sd.placeHolder(PROMPT_POSITION, DataType.FLOAT, 1, -1, 1);
  }

  @Override
  public Sequence afterEmbeddings(SameDiff sd, Sequence sequence) {
    return SdPromptPositions.prepend(sd, sequence, prompts.get(0), 1, hiddenSize);
  }

  @Override
  public SDVariable beforeLayer(SameDiff sd, int layer, SDVariable hidden) {
    return layer == 0 ? hidden : hidden.add(promptPosition.mul(prompts.get(layer)));
  }

  @Override
  public SDVariable finalHidden(SameDiff sd, SDVariable hidden) {
    return SdPromptPositions.drop(sd, hidden, 1);
  }

  @Override
  public Map<String, INDArray> feeds(EncodedBatch batch) {
    INDArray position = Nd4j.zeros(DataType.FLOAT, 1, batch.length() + 1, 1);
    position.putScalar(0, 0, 0, 1f);
    return Map.of(PROMPT_POSITION, position);
  }

  @Override
  public List<String> trainableNames() {
    return List.of(Z);
  }
}
