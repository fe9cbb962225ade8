package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slash.core.data.TaskKind;
import slash.core.io.FloatTensor;
import slash.core.text.EncodedBatch;

/** Encoder + adaptation + head: the whole trainable model of one run. */
public final class TaskModel implements AutoCloseable {
  private final DjlEncoder encoder;
  private final Adaptation adaptation;
  private final TaskHead head;
  private final TaskKind kind;

  public TaskModel(DjlEncoder encoder, Adaptation adaptation, TaskHead head, TaskKind kind) {
    this.encoder = encoder;
    this.adaptation = adaptation;
    this.head = head;
    this.kind = kind;
  }

  public DjlEncoder encoder() {
    return encoder;
  }

  public Adaptation adaptation() {
    return adaptation;
  }

  public TaskHead head() {
    return head;
  }

  public List<Trainable> trainables() {
    List<Trainable> all = new ArrayList<>(adaptation.trainables());
    all.addAll(head.trainables());
    return all;
  }

  public long trainableCount() {
    return adaptation.trainableCount() + head.parameterCount();
  }

  public NDArray logits(EncodedBatch batch, NDManager step) {
    return head.logits(encoder.forward(batch, adaptation, step), batch, step);
  }

  /** Logits from the encoder with the method folded in and no hooks (inference). */
  public NDArray fusedLogits(EncodedBatch batch, NDManager step) {
    DjlEncoder fused = adaptation.fuse(encoder, step);
    if (fused == null) {
      return logits(batch, step);
    }
    return head.logits(fused.forward(batch, EncoderHooks.NONE, step), batch, step);
  }

  public NDArray loss(NDArray logits, EncodedBatch batch, NDManager step) {
    return head.loss(logits, batch, step);
  }

  /** Class index (or score) per row; for NER, one tag per first sub-word, per row. */
  public double[] predictSequences(NDArray logits) {
    if (kind == TaskKind.REGRESSION) {
      float[] scores = logits.toFloatArray();
      double[] out = new double[scores.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = scores[i];
      }
      return out;
    }
    long[] argmax = logits.argMax(-1).toLongArray();
    double[] out = new double[argmax.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = argmax[i];
    }
    return out;
  }

  /** For NER: predicted and gold tags at labelled positions, per row. */
  public List<int[][]> predictTokens(NDArray logits, EncodedBatch batch) {
    long[] argmax = logits.argMax(-1).toLongArray();
    List<int[][]> rows = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      List<Integer> predicted = new ArrayList<>();
      List<Integer> gold = new ArrayList<>();
      for (int t = 0; t < batch.length(); t++) {
        long label = batch.tokenLabels()[i * batch.length() + t];
        if (label != EncodedBatch.IGNORE) {
          predicted.add((int) argmax[i * batch.length() + t]);
          gold.add((int) label);
        }
      }
      rows.add(new int[][] {predicted.stream().mapToInt(Integer::intValue).toArray(),
          gold.stream().mapToInt(Integer::intValue).toArray()});
    }
    return rows;
  }

  public Map<String, FloatTensor> state() {
    Map<String, FloatTensor> state = new LinkedHashMap<>(adaptation.state());
    state.putAll(head.state());
    return state;
  }

  public void load(Map<String, FloatTensor> state) {
    adaptation.load(state);
    head.load(state);
  }

  @Override
  public void close() {
    adaptation.close();
    head.close();
    encoder.close();
  }
}
