package slash.dl4j;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderLayout;
import slash.core.method.AttentionProjection;
import slash.core.model.EncoderHooks.Sequence;
import slash.core.model.EncoderWeights;
import slash.core.model.PositionIds;
import slash.core.text.EncodedBatch;

/**
 * The post-LayerNorm BERT/RoBERTa encoder as a SameDiff graph, the twin of the DJL engine's
 * DjlEncoder: Hugging Face parameter names (constants when frozen, variables when a method trains
 * them), exact erf GELU, LayerNorm written out so its eps is the config's (ND4J's fused op where
 * eps is negligible), additive mask of float32 min; dropout only through SdDropoutHooks (full
 * finetuning). Inside a block the activations are rows [B*T, width].
 */
public final class SdEncoder {
  public static final String INPUT_IDS = "input_ids";
  public static final String TOKEN_TYPES = "token_type_ids";
  public static final String POSITIONS = "position_ids";
  public static final String MASK = "attention_mask";

  private final EncoderConfig config;
  private final SameDiff sd;
  private SDVariable lengths;
  private final Map<String, SDVariable> shapes = new HashMap<>();

  private SdEncoder(EncoderConfig config, SameDiff sd) {
    this.config = config;
    this.sd = sd;
  }

  /** Adds the frozen encoder to {@code sd} and returns its final hidden states [B, T, H]. */
  public static SDVariable build(SameDiff sd, EncoderWeights weights, SdHooks hooks) {
    return build(sd, weights, hooks, Set.of());
  }

  /**
   * As {@link #build(SameDiff, EncoderWeights, SdHooks)}, with the weights named in {@code
   * trained} as variables (full finetuning, BitFit) and the rest as constants.
   */
  public static SDVariable build(SameDiff sd, EncoderWeights weights, SdHooks hooks,
      Set<String> trained) {
    EncoderConfig config = weights.config();
    for (Map.Entry<String, long[]> entry : EncoderLayout.shapes(config).entrySet()) {
      FloatTensor tensor = weights.get(entry.getKey());
      INDArray value = Nd4j.create(tensor.data(), tensor.shape(), 'c');
      if (trained.contains(entry.getKey())) {
        sd.var(entry.getKey(), value);
      } else {
        sd.constant(entry.getKey(), value);
      }
    }
    return new SdEncoder(config, sd).encode(hooks);
  }

  /** The placeholders of one batch. */
  public static Map<String, INDArray> feeds(EncoderConfig config, EncodedBatch batch) {
    long[] shape = batch.shape();
    Map<String, INDArray> feeds = new HashMap<>();
    feeds.put(INPUT_IDS, Nd4j.createFromArray(batch.inputIds()).reshape(shape));
    feeds.put(TOKEN_TYPES, Nd4j.createFromArray(batch.tokenTypeIds()).reshape(shape));
    feeds.put(POSITIONS, Nd4j.createFromArray(PositionIds.of(config, batch)).reshape(shape));
    feeds.put(MASK, Nd4j.createFromArray(batch.attentionMask()).reshape(shape)
        .castTo(DataType.FLOAT));
    return feeds;
  }

  private SDVariable encode(SdHooks hooks) {
    hooks.begin(sd);
    SDVariable ids = sd.placeHolder(INPUT_IDS, DataType.INT64, -1, -1);
    SDVariable types = sd.placeHolder(TOKEN_TYPES, DataType.INT64, -1, -1);
    SDVariable positions = sd.placeHolder(POSITIONS, DataType.INT64, -1, -1);
    SDVariable mask = sd.placeHolder(MASK, DataType.FLOAT, -1, -1);
    SDVariable hidden = embed(ids, "word_embeddings").add(embed(positions, "position_embeddings"))
        .add(embed(types, "token_type_embeddings"));
    hidden = layerNorm(hidden, "embeddings.LayerNorm", 2);
    Sequence<SDVariable> sequence = hooks.afterEmbeddings(new Sequence<>(hidden, mask));
    hidden = sequence.hidden();
    // [B, T] of the (possibly prompt-extended) sequence, for reshapes with dynamic sizes.
    lengths = sd.shape(hidden).get(org.nd4j.autodiff.samediff.SDIndex.interval(0, 2));
    SDVariable maskBias = sequence.mask().rsub(1.0).mul(-Float.MAX_VALUE);
    maskBias = sd.expandDims(sd.expandDims(maskBias, 1), 1);
    for (int l = 0; l < config.layers(); l++) {
      hidden = block(l, hooks.beforeLayer(l, hidden), maskBias, hooks);
    }
    return hooks.finalHidden(hidden);
  }

  /**
   * One block on rows: the hidden states enter as [B, T, H] (for {@link SdHooks#beforeLayer})
   * and stay [B*T, H] through every dense layer, residual and LayerNorm, reshaped only for the
   * attention heads, so that the block costs 6 reshapes (each a copy in SameDiff) rather than
   * 16. The activation hooks (attention output, attention LayerNorm, intermediate, output) see
   * rows [B*T, width].
   */
  private SDVariable block(int l, SDVariable x, SDVariable maskBias, SdHooks hooks) {
    String p = EncoderLayout.layer(l);
    SDVariable rows = x.reshape(-1, config.hidden());
    // 1/sqrt(head size) scales q [B, heads, T, headSize] rather than the scores [.., T, T].
    SDVariable q = heads(projection(l, AttentionProjection.QUERY, rows, hooks))
        .div(Math.sqrt(config.headSize()));
    SDVariable k = heads(projection(l, AttentionProjection.KEY, rows, hooks));
    SDVariable v = heads(projection(l, AttentionProjection.VALUE, rows, hooks));
    SDVariable scores = sd.mmul(q, k, false, true, false).add(maskBias);
    SDVariable probabilities = hooks.attentionProbabilities(l, sd.nn.softmax(scores, 3));
    SDVariable context = sd.mmul(probabilities, v).permute(0, 2, 1, 3)
        .reshape(-1, config.hidden());
    SDVariable attention = hooks.attentionOutput(l,
        linearRows(context, p + "attention.output.dense"));
    SDVariable h = hooks.attentionLayerNorm(l,
        layerNorm(attention.add(rows), p + "attention.output.LayerNorm", 1));
    SDVariable inner = hooks.intermediate(l, linearRows(h, p + "intermediate.dense"));
    SDVariable output = hooks.output(l, linearRows(gelu(inner), p + "output.dense"));
    SDVariable out = layerNorm(output.add(h), p + "output.LayerNorm", 1);
    return sd.reshape(out, shapeOf(config.hidden()));
  }

  /** Rows [B*T, H] -> [B, heads, T, headSize]. */
  private SDVariable heads(SDVariable rows) {
    return sd.reshape(rows, shapeOf(config.heads(), config.headSize())).permute(0, 2, 1, 3);
  }

  /** [B, T] followed by {@code trailing}, as a shape vector: one concat op per distinct shape. */
  private SDVariable shapeOf(long... trailing) {
    return shapes.computeIfAbsent(java.util.Arrays.toString(trailing),
        k -> sd.concat(0, lengths, sd.constant(Nd4j.createFromArray(trailing))));
  }

  /**
   * A table lookup. A trained table (full finetuning) differentiates through a scatter-add
   * (SdSplitGradients.ScatterGather): M2.1's gather backward cannot train its source.
   */
  private SDVariable embed(SDVariable ids, String table) {
    return sd.gather(sd.getVariable("embeddings." + table + ".weight"), ids, 0);
  }

  /** A query/key/value projection of rows [B*T, H], passed through the hook. */
  private SDVariable projection(int l, AttentionProjection target, SDVariable rows,
      SdHooks hooks) {
    String prefix = EncoderLayout.layer(l) + "attention.self." + target.id();
    return hooks.attentionProjection(l, target, rows, linearRows(rows, prefix));
  }

  private SDVariable linearRows(SDVariable rows, String prefix) {
    return sd.mmul(rows, sd.getVariable(prefix + ".weight"), false, true, false)
        .add(sd.getVariable(prefix + ".bias"));
  }

  /**
   * Below this eps, LayerNorm runs as ND4J's fused layer_norm op (one op forward, one backward,
   * instead of nine each): that op has no eps, which changes nothing in float32 when eps is far
   * below any variance of real activations (BERT's 1e-12: outputs within 3e-6 of the written-out
   * form). Larger eps (RoBERTa's 1e-5) stay written out.
   */
  static final double FUSED_LAYER_NORM_EPS = 1e-9;

  /**
   * Over the hidden axis, named ({@code axis}: 2 for [B, T, H], 1 for rows): ND4J's keepDims
   * reductions mishandle axis -1.
   */
  private SDVariable layerNorm(SDVariable x, String prefix, int axis) {
    SDVariable gain = sd.getVariable(prefix + ".weight");
    SDVariable bias = sd.getVariable(prefix + ".bias");
    if (config.layerNormEps() < FUSED_LAYER_NORM_EPS) {
      return sd.nn.layerNorm(x, gain, bias, false, axis);
    }
    SDVariable centered = x.sub(x.mean(true, axis));
    SDVariable variance = centered.mul(centered).mean(true, axis);
    SDVariable normed = centered.div(sd.math.sqrt(variance.add(config.layerNormEps())));
    return normed.mul(gain).add(bias);
  }

  /** Exact GELU: sd.nn.gelu is an approximation (hidden states off by 0.27 on MiniLM). */
  private SDVariable gelu(SDVariable x) {
    return x.mul(0.5).mul(sd.math.erf(x.div(Math.sqrt(2.0))).add(1.0));
  }
}
