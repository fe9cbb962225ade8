package slash.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import slash.core.data.Task;
import slash.core.data.TaskKind;
import slash.core.text.EncodedBatch;

/** Gathers predictions batch by batch, then scores them with the task's metrics. */
public final class PredictionCollector {
  private final Task task;
  private final List<Double> predicted = new ArrayList<>();
  private final List<Double> gold = new ArrayList<>();
  private final List<int[]> predictedTags = new ArrayList<>();
  private final List<int[]> goldTags = new ArrayList<>();

  public PredictionCollector(Task task) {
    this.task = task;
  }

  public void addSequences(double[] predictions, float[] labels) {
    for (int i = 0; i < predictions.length; i++) {
      predicted.add(predictions[i]);
      gold.add((double) labels[i]);
    }
  }

  public void addTokens(int[] predictions, int[] labels) {
    predictedTags.add(predictions);
    goldTags.add(labels);
  }

  /**
   * Adds a batch from its logits, row-major: [B, C] for sequence tasks (a score for regression),
   * [B, T, C] for token tasks, where only first sub-words (labels other than IGNORE) count.
   */
  public void addLogits(float[] logits, EncodedBatch batch) {
    int classes = task.outputSize();
    if (task.kind() == TaskKind.TOKEN_CLASSIFICATION) {
      for (int i = 0; i < batch.size(); i++) {
        List<Integer> predictedRow = new ArrayList<>();
        List<Integer> goldRow = new ArrayList<>();
        for (int t = 0; t < batch.length(); t++) {
          int at = i * batch.length() + t;
          long label = batch.tokenLabels()[at];
          if (label != EncodedBatch.IGNORE) {
            predictedRow.add(argMax(logits, at * classes, classes));
            goldRow.add((int) label);
          }
        }
        addTokens(predictedRow.stream().mapToInt(Integer::intValue).toArray(),
            goldRow.stream().mapToInt(Integer::intValue).toArray());
      }
      return;
    }
    addSequences(sequencePredictions(task, logits, batch.size()), batch.labels());
  }

  /**
   * One prediction per row of sequence-task logits [rows, C]: the class index, or the score for
   * regression.
   */
  public static double[] sequencePredictions(Task task, float[] logits, int rows) {
    if (task.kind() == TaskKind.TOKEN_CLASSIFICATION) {
      throw new IllegalArgumentException(task.dirName() + " tags tokens, not sequences");
    }
    int classes = task.outputSize();
    if (logits.length != rows * classes) {
      throw new IllegalArgumentException(logits.length + " logits for " + rows + " rows of "
          + classes + " (" + task.dirName() + ")");
    }
    double[] predictions = new double[rows];
    for (int i = 0; i < rows; i++) {
      predictions[i] = task.kind() == TaskKind.REGRESSION ? logits[i]
          : argMax(logits, i * classes, classes);
    }
    return predictions;
  }

  /** Index of the largest of {@code count} values from {@code offset}; the first on ties. */
  public static int argMax(float[] values, int offset, int count) {
    int best = 0;
    for (int c = 1; c < count; c++) {
      if (values[offset + c] > values[offset + best]) {
        best = c;
      }
    }
    return best;
  }

  public Map<String, Double> score() {
    if (task.kind() == TaskKind.TOKEN_CLASSIFICATION) {
      return Evaluation.tokens(task, predictedTags, goldTags);
    }
    return Evaluation.sequence(task, predicted.stream().mapToDouble(Double::doubleValue).toArray(),
        gold.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
