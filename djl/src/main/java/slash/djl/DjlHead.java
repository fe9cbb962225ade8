package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.Map;
import slash.core.data.TaskKind;
import slash.core.io.FloatTensor;
import slash.core.model.HeadInit;
import slash.core.text.EncodedBatch;

/**
 * A plain linear layer (no pooler) on the [CLS]/[MASK] state for sequence tasks, or on every
 * position for NER, with its loss: cross-entropy, MSE for regression (STS-B), token cross-entropy
 * that skips {@link EncodedBatch#IGNORE}. Initialised as Hugging Face does: N(0, 0.02), zero bias.
 */
public final class DjlHead implements AutoCloseable {
  public static final String WEIGHT = HeadInit.WEIGHT;
  public static final String BIAS = HeadInit.BIAS;

  private final TaskKind kind;
  private final int outputs;
  private final NDManager manager;
  private final NDArray weight;
  private final NDArray bias;

  public DjlHead(TaskKind kind, int outputs, int hidden, long seed, NDManager parent) {
    this.kind = kind;
    this.outputs = outputs;
    this.manager = parent.newSubManager();
    float[] w = HeadInit.weights(outputs, hidden, seed);
    this.weight = manager.create(w, new Shape(outputs, hidden));
    this.bias = manager.zeros(new Shape(outputs));
    weight.setName(WEIGHT);
    bias.setName(BIAS);
    weight.setRequiresGradient(true);
    bias.setRequiresGradient(true);
  }

  public List<DjlTrainable> trainables() {
    return List.of(DjlTrainable.of(WEIGHT, weight), DjlTrainable.of(BIAS, bias));
  }

  public long parameterCount() {
    return weight.size() + bias.size();
  }

  /** Logits [B, C] (sequence) or [B, T, C] (tokens) from final hidden states [B, T, H]. */
  public NDArray logits(NDArray hidden, EncodedBatch batch, NDManager step) {
    if (kind == TaskKind.TOKEN_CLASSIFICATION) {
      return Linear.linear(hidden, weight, bias).singletonOrThrow();
    }
    return project(representation(hidden, batch, step));
  }

  /** The linear layer on representations [B, H]. */
  public NDArray project(NDArray representation) {
    return Linear.linear(representation, weight, bias).singletonOrThrow();
  }

  public int outputs() {
    return outputs;
  }

  public TaskKind kind() {
    return kind;
  }

  /** The [CLS]/[MASK] state of every row, [B, H], from final hidden states [B, T, H]. */
  public NDArray representation(NDArray hidden, EncodedBatch batch, NDManager step) {
    long b = hidden.getShape().get(0);
    long t = hidden.getShape().get(1);
    long h = hidden.getShape().get(2);
    long[] rows = new long[batch.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i * t + batch.representationIndex()[i];
    }
    NDArray index = step.create(rows);
    // An embedding lookup into the flattened states is a differentiable row gather.
    NDArray picked = index.getNDArrayInternal()
        .embedding(index, hidden.reshape(b * t, h), SparseFormat.DENSE).singletonOrThrow();
    return picked;
  }

  public NDArray loss(NDArray logits, EncodedBatch batch, NDManager step) {
    return switch (kind) {
      case REGRESSION -> logits.reshape(batch.size())
          .sub(step.create(batch.labels())).square().mean();
      case CLASSIFICATION -> {
        NDArray gold = step.create(batch.labels()).toType(DataType.INT64, false);
        yield DjlScalars.dividedBy(logits.logSoftmax(-1).mul(gold.oneHot(outputs)).sum().neg(),
            batch.size());
      }
      case TOKEN_CLASSIFICATION -> {
        long[] labels = batch.tokenLabels();
        float[] oneHot = new float[labels.length * outputs];
        int counted = 0;
        for (int i = 0; i < labels.length; i++) {
          if (labels[i] != EncodedBatch.IGNORE) {
            oneHot[i * outputs + (int) labels[i]] = 1f;
            counted++;
          }
        }
        NDArray target = step.create(oneHot, new Shape(batch.size(), batch.length(), outputs));
        yield DjlScalars.dividedBy(logits.logSoftmax(-1).mul(target).sum().neg(),
            Math.max(1, counted));
      }
    };
  }

  public Map<String, FloatTensor> state() {
    return DjlArrayState.save(arrays());
  }

  public void load(Map<String, FloatTensor> state) {
    DjlArrayState.load(arrays(), state);
  }

  private Map<String, NDArray> arrays() {
    Map<String, NDArray> arrays = new java.util.LinkedHashMap<>(); // trainables' order
    arrays.put(WEIGHT, weight);
    arrays.put(BIAS, bias);
    return arrays;
  }

  @Override
  public void close() {
    manager.close();
  }
}
