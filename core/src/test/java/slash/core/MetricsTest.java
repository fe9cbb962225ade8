package slash.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import slash.core.data.Task;
import slash.core.metrics.EntityF1;
import slash.core.metrics.Evaluation;
import slash.core.metrics.Metrics;
import slash.core.metrics.PredictionCollector;

/** Every expected value below is worked out by hand in the comment beside it. */
class MetricsTest {
  @Test
  void accuracyAndBinaryF1() {
    int[] pred = {1, 0, 1, 1};
    int[] gold = {1, 1, 1, 0};
    assertEquals(0.5, Metrics.accuracy(pred, gold), 1e-12); // 2 of 4
    // tp = 2, fp = 1, fn = 1: 2*2 / (2*2 + 1 + 1)
    assertEquals(4.0 / 6.0, Metrics.binaryF1(pred, gold), 1e-12);
    assertEquals(0.0, Metrics.binaryF1(new int[] {0, 0}, new int[] {1, 0}), 0.0);
  }

  @Test
  void matthews() {
    // tp = 2, fp = 1, tn = 2, fn = 1: (2*2 - 1*1) / sqrt(3*3*3*3) = 1/3
    assertEquals(1.0 / 3.0, Metrics.matthews(new int[] {1, 1, 0, 0, 1, 0},
        new int[] {1, 0, 0, 0, 1, 1}), 1e-12);
    assertEquals(-1.0, Metrics.matthews(new int[] {1, 0}, new int[] {0, 1}), 1e-12);
    assertEquals(0.0, Metrics.matthews(new int[] {1, 1}, new int[] {0, 1}), 0.0); // empty marginal
  }

  @Test
  void pearsonAndSpearmanWithTies() {
    // dx = [-1.5,-.5,.5,1.5], dy = [-3,-1,0,4]: sxy = 11, sxx = 5, syy = 26
    assertEquals(11 / Math.sqrt(130), Metrics.pearson(new double[] {1, 2, 3, 4},
        new double[] {2, 4, 5, 9}), 1e-12);
    // ranks x = [1, 2.5, 2.5, 4], y = [1, 3, 2, 4]: sxy = 4.5, sxx = 4.5, syy = 5
    assertEquals(4.5 / Math.sqrt(22.5), Metrics.spearman(new double[] {1, 2, 2, 3},
        new double[] {1, 3, 2, 4}), 1e-12);
  }

  @Test
  void entityF1NeedsTypeAndSpan() {
    List<List<String>> gold = List.of(List.of("B-PER", "I-PER", "O", "B-LOC"));
    // the PER span is cut short, LOC is right: P = R = 1/2
    assertEquals(0.5, EntityF1.score(List.of(List.of("B-PER", "O", "O", "B-LOC")), gold), 1e-12);
    // right spans, wrong type on one: P = R = 1/2
    assertEquals(0.5, EntityF1.score(List.of(List.of("B-ORG", "I-ORG", "O", "B-LOC")), gold),
        1e-12);
    assertEquals(1.0, EntityF1.score(gold, gold), 0.0);
    // conlleval: a stray I- after O opens an entity, so I-PER I-PER is the span 0..1
    assertEquals(1.0, EntityF1.score(List.of(List.of("I-PER", "I-PER", "O", "B-LOC")), gold),
        1e-12);
    // three predicted, two gold, one match (LOC): P = 1/3, R = 1/2
    assertEquals(2 * (1.0 / 3) * 0.5 / (1.0 / 3 + 0.5), EntityF1.score(
        List.of(List.of("B-PER", "O", "B-MISC", "B-LOC")), gold), 1e-12);
  }

  @Test
  void evaluationScalesToPercentAndUsesTaskMetrics() {
    Map<String, Double> mrpc = Evaluation.sequence(Task.MRPC, new double[] {1, 0, 1, 1},
        new double[] {1, 1, 1, 0});
    assertEquals(100 * 4.0 / 6.0, mrpc.get("f1"), 1e-9);
    assertEquals(50.0, mrpc.get("acc"), 1e-9);
    Map<String, Double> ner = Evaluation.tokens(Task.CONLL2003, List.of(new int[] {1, 2, 0, 5}),
        List.of(new int[] {1, 2, 0, 5}));
    assertEquals(100.0, ner.get("entity_f1"), 0.0);
    assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(new int[] {1}, new int[] {1, 0}));
  }

  @Test
  void sequencePredictionsAreRowArgMaxOrScore() {
    // MNLI rows [0.1 0.7 0.2] and [0.5 0.5 -1]: classes 1 and 0 (the first of a tie)
    assertEquals(List.of(1.0, 0.0), box(PredictionCollector.sequencePredictions(Task.MNLI,
        new float[] {0.1f, 0.7f, 0.2f, 0.5f, 0.5f, -1f}, 2)));
    // STS-B: the score itself
    assertEquals(List.of(3.25, -0.5), box(PredictionCollector.sequencePredictions(Task.STSB,
        new float[] {3.25f, -0.5f}, 2)));
    IllegalArgumentException wrongShape = assertThrows(IllegalArgumentException.class,
        () -> PredictionCollector.sequencePredictions(Task.SST2, new float[3], 2));
    assertEquals("3 logits for 2 rows of 2 (SST-2)", wrongShape.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> PredictionCollector.sequencePredictions(Task.CONLL2003, new float[9], 1));
  }

  private static List<Double> box(double[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
