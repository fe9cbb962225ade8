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
 * them), exact erf GELU, LayerNorm written out so its eps is the config's, additive mask of
 * float32 min; dropout only through SdDropoutHooks (full finetuning).
 */
public final class SdEncoder {
  public static final String INPUT_IDS = "input_ids";
  public static final String TOKEN_TYPES = "token_type_ids";
  public static final String POSITIONS = "position_ids";
  public static final String MASK = "attention_mask";

  private final EncoderConfig config;
  private final SameDiff sd;
  private SDVariable lengths;

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
    hidden = layerNorm(hidden, "embeddings.LayerNorm");
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

  private SDVariable block(int l, SDVariable x, SDVariable maskBias, SdHooks hooks) {
    String p = EncoderLayout.layer(l);
    SDVariable q = heads(projection(l, AttentionProjection.QUERY, x, hooks));
    SDVariable k = heads(projection(l, AttentionProjection.KEY, x, hooks));
    SDVariable v = heads(projection(l, AttentionProjection.VALUE, x, hooks));
    SDVariable scores = sd.mmul(q, k, false, true, false)
        .div(Math.sqrt(config.headSize())).add(maskBias);
    SDVariable probabilities = hooks.attentionProbabilities(l, sd.nn.softmax(scores, 3));
    SDVariable context = sd.mmul(probabilities, v).permute(0, 2, 1, 3);
    context = sd.reshape(context, shapeOf(config.hidden()));
    SDVariable attention = hooks.attentionOutput(l, linear(context, p + "attention.output.dense"));
    SDVariable h = hooks.attentionLayerNorm(l,
        layerNorm(attention.add(x), p + "attention.output.LayerNorm"));
    SDVariable inner = hooks.intermediate(l, linear(h, p + "intermediate.dense"));
    SDVariable output = hooks.output(l, linear(gelu(inner), p + "output.dense"));
    return layerNorm(output.add(h), p + "output.LayerNorm");
  }

  /** [B, T, H] -> [B, heads, T, headSize]. */
  private SDVariable heads(SDVariable x) {
    return sd.reshape(x, shapeOf(config.heads(), config.headSize())).permute(0, 2, 1, 3);
  }

  /** [B, T] followed by {@code trailing}, as a shape vector. */
  private SDVariable shapeOf(long... trailing) {
    return sd.concat(0, lengths, sd.constant(Nd4j.createFromArray(trailing)));
  }

  private SDVariable embed(SDVariable ids, String table) {
    SDVariable weights = sd.getVariable("embeddings." + table + ".weight");
    if (weights.isConstant()) {
      return sd.gather(weights, ids, 0);
    }
    // A trained table (full finetuning): M2.1's gather has no working backward for its source,
    // so select rows with a one-hot matmul, whose gradient is the scatter-add we need.
    long rows = weights.getShape()[0];
    long width = weights.getShape()[1];
    SDVariable picked = sd.mmul(sd.oneHot(ids, (int) rows).reshape(-1, rows), weights);
    return sd.reshape(picked, sd.concat(0, sd.shape(ids),
        sd.constant(Nd4j.createFromArray(new long[] {width}))));
  }

  /** x [B, T, in] times weight [out, in] transposed, plus bias: via one 2-D matmul. */
  private SDVariable linear(SDVariable x, String prefix) {
    SDVariable weight = sd.getVariable(prefix + ".weight");
    SDVariable rows = x.reshape(-1, weight.getShape()[1]);
    return sd.reshape(linearRows(rows, prefix), shapeOf(weight.getShape()[0]));
  }

  /** A query/key/value projection, passed through the hook while still in rows. */
  private SDVariable projection(int l, AttentionProjection target, SDVariable x,
      SdHooks hooks) {
    String prefix = EncoderLayout.layer(l) + "attention.self." + target.id();
    SDVariable rows = x.reshape(-1, config.hidden());
    SDVariable out = hooks.attentionProjection(l, target, rows, linearRows(rows, prefix));
    return sd.reshape(out, shapeOf(config.hidden()));
  }

  private SDVariable linearRows(SDVariable rows, String prefix) {
    return sd.mmul(rows, sd.getVariable(prefix + ".weight"), false, true, false)
        .add(sd.getVariable(prefix + ".bias"));
  }

  /** Over the hidden axis, named as 2: ND4J's keepDims reductions mishandle axis -1. */
  private SDVariable layerNorm(SDVariable x, String prefix) {
    SDVariable centered = x.sub(x.mean(true, 2));
    SDVariable variance = centered.mul(centered).mean(true, 2);
    SDVariable normed = centered.div(sd.math.sqrt(variance.add(config.layerNormEps())));
    return normed.mul(sd.getVariable(prefix + ".weight")).add(sd.getVariable(prefix + ".bias"));
  }

  /** Exact GELU: sd.nn.gelu is an approximation (hidden states off by 0.27 on MiniLM). */
  private SDVariable gelu(SDVariable x) {
    return x.mul(0.5).mul(sd.math.erf(x.div(Math.sqrt(2.0))).add(1.0));
  }
}
