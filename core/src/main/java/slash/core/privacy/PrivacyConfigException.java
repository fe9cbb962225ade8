package slash.core.privacy;

/**
 * An impossible privacy setting or budget; the message names the field. When a budget cannot be
 * reached, {@link #smallestEpsilon()} is the least epsilon the search could reach (else NaN).
 */
public class PrivacyConfigException extends IllegalArgumentException {
  private final String field;
  private final double smallestEpsilon;

  public PrivacyConfigException(String field, String problem) {
    this(field, problem, Double.NaN);
  }

  public PrivacyConfigException(String field, String problem, double smallestEpsilon) {
    super("privacy field '" + field + "' " + problem);
    this.field = field;
    this.smallestEpsilon = smallestEpsilon;
  }

  public String field() {
    return field;
  }

  public double smallestEpsilon() {
    return smallestEpsilon;
  }

  /** Throws unless {@code q} in (0, 1], {@code sigma} >= 0, {@code steps} >= 1, delta in (0, 1). */
  static void checkMechanism(double q, double sigma, int steps, double delta) {
    require(q > 0 && q <= 1, "sampleRate", "must be in (0, 1], was " + q);
    require(sigma >= 0 && Double.isFinite(sigma), "noiseMultiplier",
        "must be finite and >= 0, was " + sigma);
    require(steps >= 1, "steps", "must be at least 1, was " + steps);
    require(delta > 0 && delta < 1, "delta", "must be in (0, 1), was " + delta);
  }

  /** Throws unless {@code n} is positive. */
  public static void requirePositive(int n, String field) {
    require(n > 0, field, "must be positive, was " + n);
  }

  static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new PrivacyConfigException(field, problem);
    }
  }
}
