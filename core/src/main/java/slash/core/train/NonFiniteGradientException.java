package slash.core.train;

/**
 * A gradient norm that is NaN or infinite while the loss was finite. Thrown before anything is
 * updated, so the step can be recomputed (see {@link Trainer}).
 */
public final class NonFiniteGradientException extends ArithmeticException {
  public NonFiniteGradientException(String message) {
    super(message);
  }
}
