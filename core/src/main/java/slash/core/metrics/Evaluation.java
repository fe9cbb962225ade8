package slash.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slash.core.data.Task;

/** Scores a task's predictions with every metric the task reports (values scaled to 0-100). */
public final class Evaluation {
  private Evaluation() {}

  /** Sequence tasks: class indices (or scores, for STS-B) against gold labels. */
  public static Map<String, Double> sequence(Task task, double[] predicted, double[] gold) {
    Map<String, Double> out = new LinkedHashMap<>();
    int[] p = toInts(predicted);
    int[] g = toInts(gold);
    for (MetricName metric : task.metrics()) {
      double value = switch (metric) {
        case ACCURACY -> Metrics.accuracy(p, g);
        case F1 -> Metrics.binaryF1(p, g);
        case MATTHEWS -> Metrics.matthews(p, g);
        case PEARSON -> Metrics.pearson(predicted, gold);
        case SPEARMAN -> Metrics.spearman(predicted, gold);
        case ENTITY_F1 -> throw new IllegalArgumentException(task + " is not a token task");
      };
      out.put(metric.key(), 100 * value);
    }
    return out;
  }

  /** NER: per-sentence tag indices (first sub-words only) against gold tag indices. */
  public static Map<String, Double> tokens(Task task, List<int[]> predicted, List<int[]> gold) {
    List<String> labels = task.labels();
    return Map.of(MetricName.ENTITY_F1.key(),
        100 * EntityF1.score(names(predicted, labels), names(gold, labels)));
  }

  private static List<List<String>> names(List<int[]> sentences, List<String> labels) {
    List<List<String>> out = new ArrayList<>(sentences.size());
    for (int[] tags : sentences) {
      List<String> named = new ArrayList<>(tags.length);
      for (int tag : tags) {
        named.add(labels.get(tag));
      }
      out.add(named);
    }
    return out;
  }

  private static int[] toInts(double[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (int) Math.round(values[i]);
    }
    return out;
  }
}
