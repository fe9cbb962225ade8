package slash.core.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.data.TaskData;
import slash.core.metrics.PredictionCollector;
import slash.core.text.BatchTokenizer;

/**
 * Scores examples with a task's metrics through a session's (unfused) forward pass. The examples
 * go longest first, so each chunk pads to a length near its own: the metrics do not depend on
 * the order, the padding does.
 */
public final class Evaluator {
  private Evaluator() {}

  public static Map<String, Double> score(RunConfig config, TrainingSession session,
      BatchTokenizer tokenizer, List<?> examples) {
    PredictionCollector collector = new PredictionCollector(config.task());
    List<Object> longestFirst = new ArrayList<>(examples);
    longestFirst.sort(Comparator.comparingInt(TaskData::lengthOf).reversed());
    for (List<?> chunk : Batches.inOrder(longestFirst, Math.max(config.batchSize(), 32))) {
      session.predict(TaskData.encode(tokenizer, config.task(), chunk, config.representation()),
          collector);
    }
    return collector.score();
  }
}
