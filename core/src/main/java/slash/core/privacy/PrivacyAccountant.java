package slash.core.privacy;

/**
 * Privacy spent by T steps of the Poisson-subsampled Gaussian mechanism (DP-SGD with sampling
 * rate q and noise multiplier sigma = noise std / clipping norm), as (epsilon, delta)-DP.
 */
public interface PrivacyAccountant {
  /** Short name stored with results: "rdp" or "prv". */
  String name();

  /** Epsilon (with bounds where the accountant has them) for {@code delta} after {@code steps}. */
  PrivacySpent spent(double sampleRate, double noiseMultiplier, int steps, double delta);

  /** The epsilon this accountant guarantees: {@code spent(...).epsilon()}. */
  default double epsilon(double sampleRate, double noiseMultiplier, int steps, double delta) {
    return spent(sampleRate, noiseMultiplier, steps, delta).epsilon();
  }
}
