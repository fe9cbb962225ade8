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
import slash.dl4j.SdAdaptation;
import slash.dl4j.SdPerExample;
import slash.dl4j.SdPrompts;
import slash.methods.projection.SdProjections;

/**
 * JR-WARP (prompt length 1) on SameDiff, the twin of the DJL engine's DjlJrWarp: W_0 z enters as an
 * extra position in front of the embeddings, later layers add W_l z to that position, and the
 * position is removed before the head.
 */
public final class SdJrWarp implements SdAdaptation, SdPerExample {
  public static final String Z = JrWarpConfig.Z;
  /** [1, T + 1, 1]: 1 at the prompt position, 0 elsewhere. */
  private static final String PROMPT_POSITION = "jrwarp.position0";
  /** Zero copies [1 or B, 1, H] added to each prompt: per-example gradients (SdPerExample). */
  private static final String EXAMPLE = "jrwarp.example.";

  private final SdProjections projections;
  private final int hiddenSize;
  private final int layers;
  private final java.util.ArrayList<SDVariable> copies = new java.util.ArrayList<>();
  private List<SDVariable> prompts = List.of();
  private SDVariable promptPosition;
  private SameDiff sd;

  public SdJrWarp(JrWarpConfig config, EncoderConfig encoder, long seed) {
    JrWarpConfig method = config.forRunSeed(seed);
    method.validate(encoder);
    this.projections = new SdProjections(method.projection(), Z, encoder.hidden(),
        encoder.layers());
    this.hiddenSize = encoder.hidden();
    this.layers = encoder.layers();
  }

  @Override
  public void begin(SameDiff graph) {
    this.sd = graph;
    prompts = projections.shifts(sd, projections.createZ(sd), "jrwarp.W.");
    promptPosition = sd.placeHolder(PROMPT_POSITION, DataType.FLOAT, 1, -1, 1);
    copies.clear();
    for (int l = 0; l < layers; l++) {
      copies.add(sd.var(EXAMPLE + l, Nd4j.zeros(DataType.FLOAT, 1, 1, hiddenSize)));
    }
  }

  @Override
  public void perExample(SameDiff graph, int batchSize, int length) {
    for (int l = 0; l < layers; l++) {
      graph.getVariable(EXAMPLE + l).setArray(
          Nd4j.zeros(DataType.FLOAT, Math.max(1, batchSize), 1, hiddenSize));
    }
  }

  @Override
  public List<String> perExampleVariables() {
    List<String> names = new java.util.ArrayList<>();
    for (int l = 0; l < layers; l++) {
      names.add(EXAMPLE + l);
    }
    return names;
  }

  /** grad z_i = sum_l W_l^T g_{l,i}: one [B, H] x [H, d] product per layer. */
  @Override
  public float[][] perExampleGradients(SameDiff graph, Map<String, INDArray> gradients,
      int batchSize, int length) {
    INDArray total = null;
    for (int l = 0; l < layers; l++) {
      INDArray g = gradients.get(EXAMPLE + l).reshape(batchSize, hiddenSize);
      INDArray term = g.mmul(graph.getArrForVarName("jrwarp.W." + l));
      total = total == null ? term : total.addi(term);
    }
    float[][] grads = new float[batchSize][];
    for (int i = 0; i < batchSize; i++) {
      grads[i] = total.getRow(i).dup().data().asFloat();
    }
    return grads;
  }

  @Override
  public Sequence<SDVariable> afterEmbeddings(Sequence<SDVariable> sequence) {
    return SdPrompts.prepend(sd, sequence, prompts.get(0), 1, hiddenSize, copies.get(0));
  }

  @Override
  public SDVariable beforeLayer(int layer, SDVariable hidden) {
    return layer == 0 ? hidden
        : hidden.add(promptPosition.mul(prompts.get(layer).add(copies.get(layer))));
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
  public List<String> trainableNames() {
    return List.of(Z);
  }
}
