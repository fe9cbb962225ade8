package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.LinkedHashMap;
import java.util.Map;
import slash.core.io.FloatTensor;
import slash.core.method.AttentionProjection;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderLayout;
import slash.core.model.EncoderHooks.Sequence;
import slash.core.model.EncoderWeights;
import slash.core.model.PositionIds;
import slash.core.text.EncodedBatch;

/**
 * A post-LayerNorm BERT/RoBERTa encoder written from DJL NDArray ops, with Hugging Face parameter
 * names. Exact (erf) GELU, LayerNorm eps from the config; dropout only through DjlDropoutHooks
 * (full finetuning), since SLaSh and JR-WARP disable it. Parameters live in {@code manager};
 * activations live in the caller's step scope.
 */
public final class DjlEncoder implements AutoCloseable {
  private final EncoderConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> parameters;

  private DjlEncoder(EncoderConfig config, NDManager manager, Map<String, NDArray> parameters) {
    this.config = config;
    this.manager = manager;
    this.parameters = parameters;
  }

  public static DjlEncoder load(EncoderWeights weights, NDManager parent) {
    NDManager manager = parent.newSubManager();
    Map<String, NDArray> parameters = new LinkedHashMap<>();
    for (String name : EncoderLayout.shapes(weights.config()).keySet()) {
      FloatTensor tensor = weights.get(name);
      NDArray array = manager.create(tensor.data(), new Shape(tensor.shape()));
      array.setName(name);
      parameters.put(name, array);
    }
    return new DjlEncoder(weights.config(), manager, parameters);
  }

  public EncoderConfig config() {
    return config;
  }

  public NDManager manager() {
    return manager;
  }

  public NDArray parameter(String name) {
    NDArray array = parameters.get(name);
    if (array == null) {
      throw new IllegalArgumentException("encoder has no parameter " + name);
    }
    return array;
  }

  public Map<String, NDArray> parameters() {
    return parameters;
  }

  /** A copy whose named parameters are replaced (e.g. biases with fused shifts); others shared. */
  public DjlEncoder withReplaced(Map<String, NDArray> replacements) {
    Map<String, NDArray> merged = new LinkedHashMap<>(parameters);
    replacements.forEach((name, array) -> {
      if (!merged.containsKey(name)) {
        throw new IllegalArgumentException("encoder has no parameter " + name);
      }
      merged.put(name, array);
    });
    return new DjlEncoder(config, manager, merged);
  }

  /** Last hidden states [B, T, H] for a batch; all activations are created in {@code step}. */
  public NDArray forward(EncodedBatch batch, DjlHooks hooks, NDManager step) {
    hooks.begin(step);
    Shape shape = new Shape(batch.size(), batch.length());
    NDArray ids = step.create(batch.inputIds(), shape);
    NDArray types = step.create(batch.tokenTypeIds(), shape);
    NDArray positions = step.create(PositionIds.of(config, batch), shape);
    NDArray mask = step.create(batch.attentionMask(), shape).toType(DataType.FLOAT32, false);
    NDArray hidden = embed(ids, "word_embeddings")
        .add(embed(positions, "position_embeddings"))
        .add(embed(types, "token_type_embeddings"));
    hidden = layerNorm(hidden, "embeddings.LayerNorm");
    Sequence<NDArray> sequence = hooks.afterEmbeddings(DjlHooks.sequence(hidden, mask));
    hidden = sequence.hidden();
    // Additive mask as Hugging Face builds it: 0 where attended, float32 min where padded.
    NDArray maskBias = sequence.mask().neg().add(1f).mul(-Float.MAX_VALUE)
        .expandDims(1).expandDims(1);
    for (int l = 0; l < config.layers(); l++) {
      hidden = block(l, hooks.beforeLayer(l, hidden), maskBias, hooks);
    }
    return hooks.finalHidden(hidden);
  }

  private NDArray block(int l, NDArray x, NDArray maskBias, DjlHooks hooks) {
    String p = EncoderLayout.layer(l);
    long batch = x.getShape().get(0);
    long length = x.getShape().get(1);
    int heads = config.heads();
    int headSize = config.headSize();
    NDArray q = split(projection(l, AttentionProjection.QUERY, x, hooks), batch, length, heads,
        headSize);
    NDArray k = split(projection(l, AttentionProjection.KEY, x, hooks), batch, length, heads,
        headSize);
    NDArray v = split(projection(l, AttentionProjection.VALUE, x, hooks), batch, length, heads,
        headSize);
    NDArray scores = DjlScalars.dividedBy(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(headSize))
        .add(maskBias);
    NDArray context = hooks.attentionProbabilities(l, scores.softmax(-1)).matMul(v)
        .transpose(0, 2, 1, 3)
        .reshape(batch, length, (long) heads * headSize);
    NDArray attention = hooks.attentionOutput(l, linear(context, p + "attention.output.dense"));
    NDArray h = hooks.attentionLayerNorm(l,
        layerNorm(attention.add(x), p + "attention.output.LayerNorm"));
    NDArray inner = hooks.intermediate(l, linear(h, p + "intermediate.dense"));
    NDArray output = hooks.output(l, linear(Activation.gelu(inner), p + "output.dense"));
    return layerNorm(output.add(h), p + "output.LayerNorm");
  }

  private NDArray projection(int l, AttentionProjection target, NDArray x, DjlHooks hooks) {
    return hooks.attentionProjection(l, target, x,
        linear(x, EncoderLayout.layer(l) + "attention.self." + target.id()));
  }

  private static NDArray split(NDArray x, long batch, long length, int heads, int headSize) {
    return x.reshape(batch, length, heads, headSize).transpose(0, 2, 1, 3);
  }

  private NDArray embed(NDArray ids, String table) {
    return ids.getNDArrayInternal().embedding(ids, parameter("embeddings." + table + ".weight"),
        SparseFormat.DENSE).singletonOrThrow();
  }

  private NDArray linear(NDArray x, String prefix) {
    return Linear.linear(x, parameter(prefix + ".weight"), parameter(prefix + ".bias"))
        .singletonOrThrow();
  }

  private NDArray layerNorm(NDArray x, String prefix) {
    return LayerNorm.layerNorm(x, new Shape(config.hidden()), parameter(prefix + ".weight"),
        parameter(prefix + ".bias"), (float) config.layerNormEps()).singletonOrThrow();
  }

  @Override
  public void close() {
    manager.close();
  }
}
