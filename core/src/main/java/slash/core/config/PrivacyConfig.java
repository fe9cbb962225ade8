package slash.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * DP-SGD settings of a private run (paper Section 3.4, Appendix C). The logical batch is the
 * run's {@code batchSize} (its expected size under Poisson sampling, 2048 in the paper) and the
 * per-example clipping norm C is the run's {@code maxGradNorm}; this record holds the rest.
 *
 * @param epsilon target epsilon: sigma is calibrated for it (PRV accountant); null when {@code
 *     noiseMultiplier} is given instead
 * @param noiseMultiplier a fixed sigma (noise std / C); null to calibrate it for {@code epsilon}
 * @param delta target delta (paper: 1e-6)
 * @param physicalBatch examples per forward/backward pass (memory, not privacy)
 * @param epsError the PRV accountant's eps_error (the paper calibrated with 0.1)
 * @param secureNoise noise from {@link java.security.SecureRandom} instead of the seeded generator
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrivacyConfig(Double epsilon, Double noiseMultiplier, double delta,
    int physicalBatch, double epsError, boolean secureNoise) {
  /** The paper's eps_error when it calibrated sigma. */
  public static final double PAPER_EPS_ERROR = 0.1;

  /** The paper's budget: epsilon 6.7, delta 1e-6, physical batch 32, seeded noise. */
  public static PrivacyConfig paper() {
    return new PrivacyConfig(6.7, null, 1e-6, 32, PAPER_EPS_ERROR, false);
  }

  public PrivacyConfig validate() {
    require((epsilon == null) != (noiseMultiplier == null), "epsilon",
        "or noiseMultiplier: give exactly one");
    require(epsilon == null || epsilon > 0 && Double.isFinite(epsilon), "epsilon",
        "must be positive and finite, was " + epsilon);
    require(noiseMultiplier == null || noiseMultiplier >= 0 && Double.isFinite(noiseMultiplier),
        "noiseMultiplier", "must be finite and >= 0, was " + noiseMultiplier);
    require(delta > 0 && delta < 1, "delta", "must be in (0, 1), was " + delta);
    require(physicalBatch > 0, "physicalBatch", "must be positive, was " + physicalBatch);
    require(epsError > 0 && Double.isFinite(epsError), "epsError",
        "must be positive, was " + epsError);
    return this;
  }

  private static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new ConfigException("privacy." + field, problem);
    }
  }
}
