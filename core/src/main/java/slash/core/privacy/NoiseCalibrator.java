package slash.core.privacy;

/**
 * The noise multiplier for a target (epsilon, delta) after T steps at sampling rate q, by the
 * search of Opacus' {@code get_noise_multiplier}: sigma_high doubles from 20 until epsilon(sigma)
 * is at most the target, then the bracket [0, sigma_high] is bisected until the target minus
 * epsilon(sigma_high) is at most the tolerance (0.01 in epsilon by default, as Opacus). The
 * answer is sigma_high: its epsilon never exceeds the target. Works with either accountant; the
 * PRV's epsilon is its upper bound.
 *
 * <p>Two bounds keep the search finite where Opacus' may not end: the tolerance is at least
 * {@link #RELATIVE_TOLERANCE} of the target (so 0.01 up to a target of 10, as Opacus, and 1 at
 * 1000, where 0.01 asks for digits a PRV's eps_error does not have), and the bisection stops once
 * [sigma_low, sigma_high] is narrower than {@link #SIGMA_PRECISION} of sigma_high (a PRV's
 * epsilon is not exactly monotone in sigma: its mesh changes with sigma, so it can jump across
 * the tolerance band, and halving would go on forever). Either way the answer is still a
 * sigma_high whose epsilon is at most the target. At most about
 * log2(MAX_SIGMA / 20) + log2(20 / sigma) + log2(1 / SIGMA_PRECISION) evaluations, fewer than 60.
 */
public final class NoiseCalibrator {
  /** Opacus' MAX_SIGMA: past it the budget is taken to be out of reach. */
  public static final double MAX_SIGMA = 1e6;
  /** Opacus' default epsilon_tolerance. */
  public static final double DEFAULT_TOLERANCE = 0.01;
  /** The tolerance is at least this fraction of the target epsilon. */
  public static final double RELATIVE_TOLERANCE = 1e-3;
  /** The bisection stops when sigma_high - sigma_low is below this fraction of sigma_high. */
  public static final double SIGMA_PRECISION = 1e-5;

  private final PrivacyAccountant accountant;
  private final double tolerance;

  public NoiseCalibrator(PrivacyAccountant accountant) {
    this(accountant, DEFAULT_TOLERANCE);
  }

  public NoiseCalibrator(PrivacyAccountant accountant, double tolerance) {
    PrivacyConfigException.require(tolerance > 0, "epsilonTolerance",
        "must be positive, was " + tolerance);
    this.accountant = accountant;
    this.tolerance = tolerance;
  }

  /** T for a number of epochs, as Opacus: int(epochs / sampleRate). */
  public static int stepsForEpochs(double epochs, double sampleRate) {
    return (int) (epochs / sampleRate);
  }

  /** The privacy spent at the calibrated sigma ({@link PrivacySpent#noiseMultiplier()}). */
  public PrivacySpent calibrate(double targetEpsilon, double targetDelta, double sampleRate,
      int steps) {
    PrivacyConfigException.require(targetEpsilon > 0 && Double.isFinite(targetEpsilon),
        "targetEpsilon", "must be positive and finite, was " + targetEpsilon);
    PrivacyConfigException.checkMechanism(sampleRate, 1, steps, targetDelta);
    double tol = Math.max(tolerance, RELATIVE_TOLERANCE * targetEpsilon);
    double low = 0;
    double high = 10;
    PrivacySpent best = null;
    while (best == null || best.epsilon() > targetEpsilon) {
      high *= 2;
      best = accountant.spent(sampleRate, high, steps, targetDelta);
      if (high > MAX_SIGMA && best.epsilon() > targetEpsilon) {
        throw new PrivacyConfigException("targetEpsilon", "= " + Rounded.of(targetEpsilon)
            + " cannot be reached with delta " + Rounded.of(targetDelta) + ", sample rate "
            + Rounded.of(sampleRate) + " and " + steps + " steps: the " + accountant.name()
            + " accountant gives epsilon " + Rounded.of(best.epsilon())
            + " even at noise multiplier " + Rounded.of(high), best.epsilon());
      }
    }
    while (targetEpsilon - best.epsilon() > tol && high - low > SIGMA_PRECISION * high) {
      double sigma = (low + high) / 2;
      PrivacySpent spent = accountant.spent(sampleRate, sigma, steps, targetDelta);
      if (spent.epsilon() < targetEpsilon) {
        high = sigma;
        best = spent;
      } else {
        low = sigma;
      }
    }
    return best;
  }
}
