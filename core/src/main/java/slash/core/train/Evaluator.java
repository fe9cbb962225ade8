package slash.core.train;

import java.util.List;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.data.TaskData;
import slash.core.metrics.PredictionCollector;
import slash.core.text.BatchTokenizer;

/** Scores examples with a task's metrics through a session's (unfused) forward pass. */
public final class Evaluator {
  private Evaluator() {}

  public static Map<String, Double> score(RunConfig config, TrainingSession session,
      BatchTokenizer tokenizer, List<?> examples) {
    PredictionCollector collector = new PredictionCollector(config.task());
    for (List<?> chunk : Batches.inOrder(examples, Math.max(config.batchSize(), 32))) {
      session.predict(TaskData.encode(tokenizer, config.task(), chunk, config.representation()),
          collector);
    }
    return collector.score();
  }
}
