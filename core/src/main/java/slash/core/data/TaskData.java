package slash.core.data;

import java.util.List;
import slash.core.config.RunConfig;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.text.BatchTokenizer;

/**
 * The train and dev examples of one run (sentences, or words for NER), capped as the config says,
 * the test examples where the task has public test labels (CoNLL-2003) and the file is there
 * (else empty), and the one place that knows how each kind is encoded.
 */
public record TaskData(Task task, List<?> train, List<?> dev, List<?> test) {

  public static TaskData load(RunConfig config) {
    Task task = config.task();
    List<?> train;
    List<?> dev;
    if (task.kind() == TaskKind.TOKEN_CLASSIFICATION) {
      train = TaskFiles.readTokens(config.dataPath(), Split.TRAIN);
      dev = TaskFiles.readTokens(config.dataPath(), Split.DEV);
    } else {
      train = TaskFiles.readSentences(config.dataPath(), task, Split.TRAIN);
      dev = TaskFiles.readSentences(config.dataPath(), task, Split.DEV);
    }
    List<?> test = task == Task.CONLL2003 && TaskFiles.exists(config.dataPath(), task, Split.TEST)
        ? TaskFiles.readTokens(config.dataPath(), Split.TEST) : List.of();
    return new TaskData(task, cap(train, config.maxTrainExamples()),
        cap(dev, config.maxEvalExamples()), cap(test, config.maxEvalExamples()));
  }

  private static List<?> cap(List<?> examples, Integer limit) {
    return limit == null || limit >= examples.size() ? examples : examples.subList(0, limit);
  }

  /**
   * An example's length in characters: a cheap stand-in for its token count, to batch examples of
   * similar length together (fewer padding tokens) without tokenizing twice.
   */
  public static int lengthOf(Object example) {
    if (example instanceof SentenceExample sentence) {
      return sentence.first().length()
          + (sentence.second() == null ? 0 : sentence.second().length());
    }
    if (example instanceof TokenExample tokens) {
      return tokens.words().stream().mapToInt(w -> w.length() + 1).sum();
    }
    throw new IllegalArgumentException("not a task example: " + example);
  }

  @SuppressWarnings("unchecked")
  public static EncodedBatch encode(BatchTokenizer encoder, Task task, List<?> examples,
      Representation representation) {
    return task.kind() == TaskKind.TOKEN_CLASSIFICATION
        ? encoder.encodeTokens((List<TokenExample>) examples)
        : encoder.encode((List<SentenceExample>) examples, representation);
  }
}
