package slash.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import slash.core.data.Task;
import slash.core.data.TaskKind;

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

  public Map<String, Double> score() {
    if (task.kind() == TaskKind.TOKEN_CLASSIFICATION) {
      return Evaluation.tokens(task, predictedTags, goldTags);
    }
    return Evaluation.sequence(task, predicted.stream().mapToDouble(Double::doubleValue).toArray(),
        gold.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
