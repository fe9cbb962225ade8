package slash.methods.jrwarp;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderHooks.Sequence;
import slash.core.text.EncodedBatch;
import slash.dl4j.SdLayoutAdaptation;
import slash.dl4j.SdPerExample;
import slash.dl4j.SdPrompts;
import slash.methods.projection.SdProjections;

/**
 * JR-WARP (prompt length 1) on SameDiff, the twin of the DJL engine's DjlJrWarp: W_0 z enters as an
 * extra position in front of the embeddings, later layers add W_l z to that position, and the
 * position is removed before the head. The prompts and their per-example copies (one per
 * sequence) are {@link SdProjections}'.
 */
public final class SdJrWarp extends SdLayoutAdaptation implements SdPerExample {
  public static final String Z = JrWarpConfig.Z;
  /** [1, T + 1, 1]: 1 at the prompt position, 0 elsewhere. */
  private static final String PROMPT_POSITION = "jrwarp.position0";

  private final SdProjections prompts;
  private SDVariable promptPosition;

  public SdJrWarp(JrWarpConfig method, EncoderConfig encoder, long seed) {
    super(method, encoder, seed);
    this.prompts = new SdProjections(method.forRunSeed(seed).projection(),
        method.knobs().onTheFly(), Z, encoder.hidden(), encoder.layers(), "jrwarp.",
        SdProjections.Copies.SEQUENCES);
  }

  @Override
  public void begin(SameDiff graph) {
    super.begin(graph);
    prompts.begin(graph, variable(Z));
    promptPosition = graph.placeHolder(PROMPT_POSITION, DataType.FLOAT, 1, -1, 1);
  }

  @Override
  public Sequence<SDVariable> afterEmbeddings(Sequence<SDVariable> sequence) {
    return SdPrompts.prepend(sd, sequence, prompts.vector(0), 1, encoder.hidden(),
        prompts.copy(sd, 0));
  }

  @Override
  public SDVariable beforeLayer(int layer, SDVariable hidden) {
    return layer == 0 ? hidden : hidden.add(promptPosition.mul(
        prompts.vector(layer).add(prompts.copy(sd, layer))));
  }

  @Override
  public SDVariable finalHidden(SDVariable hidden) {
    return SdPrompts.drop(sd, hidden, 1);
  }

  @Override
  public Map<String, INDArray> feeds(EncodedBatch batch) {
    INDArray position = Nd4j.zeros(DataType.FLOAT, 1, batch.length() + 1, 1);
    position.putScalar(0, 0, 0, 1f);
    return Map.of(PROMPT_POSITION, position);
  }

  @Override
  public void beforeForward(SameDiff graph) {
    prompts.beforeForward(graph);
  }

  @Override
  public List<String> differentiated() {
    return prompts.differentiated();
  }

  @Override
  public Map<String, INDArray> trainableGradients(Map<String, INDArray> gradients) {
    return prompts.trainableGradients(gradients);
  }

  @Override
  public void perExample(SameDiff graph, int batchSize, int length) {
    prompts.perExample(graph, batchSize, length);
  }

  @Override
  public List<String> perExampleVariables() {
    return prompts.perExampleVariables();
  }

  @Override
  public float[][] perExampleGradients(SameDiff graph, Map<String, INDArray> gradients,
      int batchSize, int length) {
    return prompts.perExampleGradients(graph, gradients, batchSize, length);
  }
}
