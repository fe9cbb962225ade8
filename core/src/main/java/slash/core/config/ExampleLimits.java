package slash.core.config;

/**
 * Optional caps on the examples a run reads: the first {@code train} of the training file and the
 * first {@code eval} of the evaluation file; null reads the whole file.
 */
public record ExampleLimits(Integer train, Integer eval) {
  /** No cap on either file. */
  public static final ExampleLimits NONE = new ExampleLimits(null, null);

  public ExampleLimits validate() {
    ConfigException.require(train == null || train > 0, "maxTrainExamples",
        "must be positive when given");
    ConfigException.require(eval == null || eval > 0, "maxEvalExamples",
        "must be positive when given");
    return this;
  }
}
