package slash.core.privacy;

/**
 * What a private run spent, for result.json and the progress line: epsilon from the PRV
 * accountant (its upper bound, the guarantee, with the lower bound and estimate and the
 * accountant's eps_error), the RDP epsilon beside it, and the mechanism: delta, sigma, sampling
 * rate q, planned steps T, steps taken, clipping norm C, expected and physical batch sizes.
 */
public record PrivacyReport(String accountant, double epsilon, double epsilonLower,
    double epsilonEstimate, double epsError, double rdpEpsilon, double delta,
    double noiseMultiplier, double sampleRate, int plannedSteps, int steps, double clipNorm,
    double expectedBatch, int physicalBatch, boolean secureNoise) {

  /** The spent budget after {@code steps} steps (0 steps: nothing spent). */
  public static PrivacyReport of(double epsError, double delta, double sigma, double q,
      int plannedSteps, int steps, double clip, double expectedBatch, int physicalBatch,
      boolean secure) {
    if (steps == 0) {
      return new PrivacyReport("prv", 0, 0, 0, epsError, 0, delta, sigma, q, plannedSteps, 0,
          clip, expectedBatch, physicalBatch, secure);
    }
    PrvAccountant accountant = PrvAccountant.quick(epsError);
    PrivacySpent prv = accountant.spent(q, sigma, steps, delta);
    double rdp = new RdpAccountant().epsilon(q, sigma, steps, delta);
    // the eps_error the bounds carry: epsError, or wider where the mesh limit widened it
    return new PrivacyReport("prv", prv.epsilon(), prv.epsilonLower(), prv.epsilonEstimate(),
        accountant.meshEpsError(q, sigma, steps, delta), rdp, delta, sigma, q, plannedSteps, steps, clip, expectedBatch, physicalBatch,
        secure);
  }

  /** One line: "epsilon 6.690 (PRV, ..., eps_error 0.1; RDP 7.250), delta 1e-6, sigma ...". */
  public String line() {
    return String.format(java.util.Locale.ROOT, "epsilon %.3f (PRV, in [%.3f, %.3f], eps_error "
        + "%s; RDP %.3f), delta %s, sigma %.4f, q %.5f, steps %d of %d, C %s", epsilon,
        epsilonLower, epsilon, epsError, rdpEpsilon, scientific(delta), noiseMultiplier,
        sampleRate, steps, plannedSteps, clipNorm);
  }

  /** Delta as DP papers write it: 1e-6, 2.5e-5 (Java's own would say 1.0E-6). */
  static String scientific(double x) {
    String s = String.format(java.util.Locale.ROOT, "%.6e", x);
    int e = s.indexOf('e');
    String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
    return mantissa + "e" + Integer.parseInt(s.substring(e + 1));
  }
}
