package slash.core.data;

/** What a task predicts: one class per sequence, one score per sequence, or one class per word. */
public enum TaskKind {
  CLASSIFICATION,
  REGRESSION,
  TOKEN_CLASSIFICATION
}
