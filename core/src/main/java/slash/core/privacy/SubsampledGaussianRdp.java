package slash.core.privacy;

/**
 * Renyi DP of one step of the Poisson-subsampled Gaussian mechanism (Mironov, Talwar, Zhang 2019,
 * "Renyi Differential Privacy of the Sampled Gaussian Mechanism", section 3.3), computed as
 * Opacus' {@code opacus/accountants/analysis/rdp.py} and TF Privacy do: the finite binomial sum
 * {@code _compute_log_a_for_int_alpha} for integer orders and the two-sided erfc series
 * {@code _compute_log_a_for_frac_alpha} (stopped once both terms are below e^-30) otherwise.
 */
final class SubsampledGaussianRdp {
  private static final double SQRT2 = Math.sqrt(2.0);

  private SubsampledGaussianRdp() {}

  /** RDP of order {@code alpha} for sampling rate {@code q} and noise multiplier {@code sigma}. */
  static double rdp(double q, double sigma, double alpha) {
    if (q == 0) {
      return 0;
    }
    if (sigma == 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (q == 1.0) {
      return alpha / (2 * sigma * sigma);
    }
    if (Double.isInfinite(alpha)) {
      return Double.POSITIVE_INFINITY;
    }
    double logA = alpha == Math.rint(alpha)
        ? logAInteger(q, sigma, (int) alpha) : logAFractional(q, sigma, alpha);
    return logA / (alpha - 1);
  }

  static double logAInteger(double q, double sigma, int alpha) {
    double logA = Double.NEGATIVE_INFINITY;
    double binom = 1; // C(alpha, i), exact in double for alpha <= 63 and within 1 ulp beyond
    for (int i = 0; i <= alpha; i++) {
      if (i > 0) {
        binom = binom * (alpha - i + 1) / i;
      }
      double logCoef = Math.log(binom) + i * Math.log(q) + (alpha - i) * Math.log1p(-q);
      double s = logCoef + (i * (double) i - i) / (2 * sigma * sigma);
      logA = LogSpace.add(logA, s);
    }
    return logA;
  }

  static double logAFractional(double q, double sigma, double alpha) {
    // the two parts of A_alpha, integrals over (-inf, z0] and [z0, +inf)
    double logA0 = Double.NEGATIVE_INFINITY;
    double logA1 = Double.NEGATIVE_INFINITY;
    double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
    double logQ = Math.log(q);
    double log1mQ = Math.log1p(-q);
    double binom = 1; // generalised binomial C(alpha, i); its sign alternates once i > alpha
    for (int i = 0; ; i++) {
      if (i > 0) {
        binom = binom * (alpha - i + 1) / i;
      }
      double logCoef = Math.log(Math.abs(binom));
      double j = alpha - i;
      double logT0 = logCoef + i * logQ + j * log1mQ;
      double logT1 = logCoef + j * logQ + i * log1mQ;
      double logE0 = Math.log(0.5) + Erfc.logErfc((i - z0) / (SQRT2 * sigma));
      double logE1 = Math.log(0.5) + Erfc.logErfc((z0 - j) / (SQRT2 * sigma));
      double logS0 = logT0 + (i * (double) i - i) / (2 * sigma * sigma) + logE0;
      double logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
      if (binom > 0) {
        logA0 = LogSpace.add(logA0, logS0);
        logA1 = LogSpace.add(logA1, logS1);
      } else {
        logA0 = LogSpace.sub(logA0, logS0);
        logA1 = LogSpace.sub(logA1, logS1);
      }
      if (Math.max(logS0, logS1) < -30) {
        break;
      }
    }
    return LogSpace.add(logA0, logA1);
  }
}
