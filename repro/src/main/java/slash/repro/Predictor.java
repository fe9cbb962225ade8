package slash.repro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import slash.core.config.RunConfig;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.data.TaskKind;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.train.Checkpoint;
import slash.core.train.FusedModel;
import slash.core.train.TrainingSession;
import slash.methods.Sessions;

/** {@code slash predict}: a checkpoint's labels for raw sentences, by fused inference. */
public final class Predictor {
  /** Separates the two sentences of a pair task on the command line. */
  static final String PAIR_SEPARATOR = "|||";

  private Predictor() {}

  /**
   * One label (a score, for regression) per input, on the engine {@code config} names; {@code
   * config} is the checkpoint's, perhaps with another engine or data folder.
   */
  public static List<String> labels(Checkpoint checkpoint, RunConfig config, List<String> inputs,
      Path cache) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("predict needs at least one sentence");
    }
    if (config.task().kind() == TaskKind.TOKEN_CLASSIFICATION) {
      throw new IllegalArgumentException("predict labels sentences; " + config.task().dirName()
          + " tags tokens (use eval)");
    }
    List<SentenceExample> examples = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) { // every input checked before the model loads
      examples.add(example(config.task(), inputs.get(i), i + 1, inputs.size()));
    }
    EncoderWeights weights = EncoderSources.load(config, cache);
    try (BatchTokenizer text = BatchTokenizer.forEncoder(weights, config.maxLength());
        TrainingSession session = Sessions.open(config, weights)) {
      session.loadModel(checkpoint.tensors());
      EncodedBatch batch = text.encode(examples, config.representation());
      float[] logits;
      try (FusedModel fused = session.fused()) { // folds the loaded state, so after loadModel
        logits = fused.logits(batch);
      }
      double[] predicted = PredictionCollector.sequencePredictions(config.task(), logits,
          inputs.size());
      List<String> labels = new ArrayList<>();
      for (double p : predicted) {
        labels.add(config.task().labels().isEmpty() ? String.format(Locale.ROOT, "%.3f", p)
            : config.task().labels().get((int) p));
      }
      return labels;
    }
  }

  /** One command-line input as an example of {@code task}: a pair as "first ||| second". */
  static SentenceExample example(Task task, String input) {
    return example(task, input, 1, 1);
  }

  /** Input {@code number} of {@code count}; an empty sentence is refused, naming the input. */
  static SentenceExample example(Task task, String input, int number, int count) {
    String which = count == 1 ? "the input" : "input " + number + " of " + count;
    if (input.isBlank()) {
      throw new IllegalArgumentException(which + " is empty: give the "
          + (task.isSentencePair() ? "pair \"first " + PAIR_SEPARATOR + " second\"" : "sentence")
          + " to label");
    }
    int at = input.indexOf(PAIR_SEPARATOR);
    if (at >= 0 && (input.substring(0, at).isBlank()
        || input.substring(at + PAIR_SEPARATOR.length()).isBlank())) {
      throw new IllegalArgumentException(which + " ('" + input + "') has an empty sentence: "
          + "a pair is written \"first " + PAIR_SEPARATOR + " second\", both non-empty");
    }
    if (task.isSentencePair() != at >= 0) {
      throw new IllegalArgumentException("'" + input + "': " + task.dirName() + " takes "
          + (task.isSentencePair() ? "a pair of sentences, written \"first " + PAIR_SEPARATOR
              + " second\"" : "one sentence, without " + PAIR_SEPARATOR));
    }
    return at < 0 ? new SentenceExample(input.strip(), null, 0)
        : new SentenceExample(input.substring(0, at).strip(),
            input.substring(at + PAIR_SEPARATOR.length()).strip(), 0);
  }
}
