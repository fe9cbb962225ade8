package slash.core.data;

import java.util.List;

/**
 * Where the text and label columns of a GLUE task file are. Files with a header are located by column
 * name (MNLI's train and dev files differ in column count, so names are safer than positions); CoLA
 * has no header and is located by position.
 */
record GlueLayout(boolean hasHeader, int columns, String firstColumn, String secondColumn,
    String labelColumn, int firstIndex, int labelIndex) {

  static GlueLayout of(Task task) {
    return switch (task) {
      case MNLI -> named("sentence1", "sentence2", "gold_label");
      case QQP -> named("question1", "question2", "is_duplicate");
      case QNLI -> named("question", "sentence", "label");
      case SST2 -> named("sentence", null, "label");
      case COLA -> new GlueLayout(false, 4, null, null, null, 3, 1);
      case STSB -> named("sentence1", "sentence2", "score");
      case MRPC -> named("#1 String", "#2 String", "Quality");
      case RTE -> named("sentence1", "sentence2", "label");
      case CONLL2003 -> throw new IllegalArgumentException("CoNLL-2003 is not a GLUE task");
    };
  }

  private static GlueLayout named(String first, String second, String label) {
    return new GlueLayout(true, -1, first, second, label, -1, -1);
  }

  boolean isPair() {
    return hasHeader ? secondColumn != null : false;
  }

  List<String> requiredColumns() {
    return secondColumn == null ? List.of(firstColumn, labelColumn)
        : List.of(firstColumn, secondColumn, labelColumn);
  }
}
