package slash.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import slash.core.metrics.MetricName;

/**
 * The paper's tasks: the eight GLUE tasks and CoNLL-2003 NER, with their official file layout,
 * label set and the metric the paper reports (Section 3, Table 2).
 */
public enum Task {
  MNLI("MNLI", TaskKind.CLASSIFICATION, List.of("entailment", "neutral", "contradiction"),
      MetricName.ACCURACY, List.of(MetricName.ACCURACY)),
  QQP("QQP", TaskKind.CLASSIFICATION, List.of("0", "1"),
      MetricName.F1, List.of(MetricName.F1, MetricName.ACCURACY)),
  QNLI("QNLI", TaskKind.CLASSIFICATION, List.of("entailment", "not_entailment"),
      MetricName.ACCURACY, List.of(MetricName.ACCURACY)),
  SST2("SST-2", TaskKind.CLASSIFICATION, List.of("0", "1"),
      MetricName.ACCURACY, List.of(MetricName.ACCURACY)),
  COLA("CoLA", TaskKind.CLASSIFICATION, List.of("0", "1"),
      MetricName.MATTHEWS, List.of(MetricName.MATTHEWS, MetricName.ACCURACY)),
  STSB("STS-B", TaskKind.REGRESSION, List.of(),
      MetricName.PEARSON, List.of(MetricName.PEARSON, MetricName.SPEARMAN)),
  MRPC("MRPC", TaskKind.CLASSIFICATION, List.of("0", "1"),
      MetricName.F1, List.of(MetricName.F1, MetricName.ACCURACY)),
  RTE("RTE", TaskKind.CLASSIFICATION, List.of("entailment", "not_entailment"),
      MetricName.ACCURACY, List.of(MetricName.ACCURACY)),
  CONLL2003("CoNLL-2003", TaskKind.TOKEN_CLASSIFICATION,
      List.of("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"),
      MetricName.ENTITY_F1, List.of(MetricName.ENTITY_F1));

  private final String dirName;
  private final TaskKind kind;
  private final List<String> labels;
  private final MetricName primaryMetric;
  private final List<MetricName> metrics;

  Task(String dirName, TaskKind kind, List<String> labels, MetricName primaryMetric,
      List<MetricName> metrics) {
    this.dirName = dirName;
    this.kind = kind;
    this.labels = labels;
    this.primaryMetric = primaryMetric;
    this.metrics = metrics;
  }

  /** The folder name the official distribution uses (GLUE's {@code SST-2}, {@code STS-B}, ...). */
  public String dirName() {
    return dirName;
  }

  public TaskKind kind() {
    return kind;
  }

  public List<String> labels() {
    return labels;
  }

  /** Output width of the head: number of labels, or 1 for regression. */
  public int outputSize() {
    return kind == TaskKind.REGRESSION ? 1 : labels.size();
  }

  public MetricName primaryMetric() {
    return primaryMetric;
  }

  public List<MetricName> metrics() {
    return metrics;
  }

  public boolean isGlue() {
    return this != CONLL2003;
  }

  /** Whether each example is two sentences (MNLI, QQP, QNLI, STS-B, MRPC, RTE). */
  public boolean isSentencePair() {
    return isGlue() && GlueLayout.of(this).isPair();
  }

  /** Accepts the official name in any case, with or without the dash ({@code sst2}, {@code STS-B}). */
  public static Task parse(String name) {
    String wanted = normalise(name);
    for (Task task : values()) {
      if (normalise(task.dirName).equals(wanted) || normalise(task.name()).equals(wanted)) {
        return task;
      }
    }
    if (wanted.equals("conll") || wanted.equals("ner")) {
      return CONLL2003;
    }
    throw new IllegalArgumentException("unknown task '" + name + "'; known tasks: "
        + Arrays.stream(values()).map(Task::dirName).toList());
  }

  private static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }
}
