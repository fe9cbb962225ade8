package slash.core.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Sequence-level metrics, as GLUE and scikit-learn define them. All return values in [0, 1] or [-1, 1]. */
public final class Metrics {
  private Metrics() {}

  public static double accuracy(int[] predicted, int[] gold) {
    checkSameLength(predicted.length, gold.length);
    int correct = 0;
    for (int i = 0; i < gold.length; i++) {
      correct += predicted[i] == gold[i] ? 1 : 0;
    }
    return (double) correct / gold.length;
  }

  /** F1 of the positive class (label 1); 0 when there are no true positives. */
  public static double binaryF1(int[] predicted, int[] gold) {
    checkSameLength(predicted.length, gold.length);
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < gold.length; i++) {
      if (predicted[i] == 1 && gold[i] == 1) {
        tp++;
      } else if (predicted[i] == 1) {
        fp++;
      } else if (gold[i] == 1) {
        fn++;
      }
    }
    return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /** Matthews correlation for binary labels; 0 when a marginal is empty (scikit-learn's convention). */
  public static double matthews(int[] predicted, int[] gold) {
    checkSameLength(predicted.length, gold.length);
    double tp = 0;
    double tn = 0;
    double fp = 0;
    double fn = 0;
    for (int i = 0; i < gold.length; i++) {
      boolean p = predicted[i] == 1;
      boolean g = gold[i] == 1;
      if (p && g) {
        tp++;
      } else if (!p && !g) {
        tn++;
      } else if (p) {
        fp++;
      } else {
        fn++;
      }
    }
    double denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
    return denominator == 0 ? 0.0 : (tp * tn - fp * fn) / denominator;
  }

  public static double pearson(double[] x, double[] y) {
    checkSameLength(x.length, y.length);
    double meanX = Arrays.stream(x).average().orElse(0);
    double meanY = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? 0.0 : sxy / Math.sqrt(sxx * syy);
  }

  /** Pearson correlation of ranks, ties getting the average of their ranks (scipy's spearmanr). */
  public static double spearman(double[] x, double[] y) {
    checkSameLength(x.length, y.length);
    return pearson(ranks(x), ranks(y));
  }

  static double[] ranks(double[] values) {
    Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    int start = 0;
    while (start < order.length) {
      int end = start;
      while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double averageRank = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        ranks[order[k]] = averageRank;
      }
      start = end + 1;
    }
    return ranks;
  }

  private static void checkSameLength(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("predictions (" + a + ") and gold (" + b + ") differ in length");
    }
    if (a == 0) {
      throw new IllegalArgumentException("no examples to score");
    }
  }
}
