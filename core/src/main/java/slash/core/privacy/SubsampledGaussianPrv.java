package slash.core.privacy;

/**
 * The privacy random variable (privacy loss) of one step of the Poisson-subsampled Gaussian
 * mechanism: cdf of Gopi, Lee, Wutschitz 2021, proposition B4, as in Opacus'
 * {@code PoissonSubsampledGaussianPRV} and Microsoft's {@code PoissonSubsampledGaussianMechanism}.
 * Support is t > log(1 - q). Both tails are written with erfc of their own sign, so that neither
 * the cdf near the bottom nor the survival function near the top loses digits to 1 - x.
 */
record SubsampledGaussianPrv(double q, double sigma) {
  private static final double SQRT2 = Math.sqrt(2.0);

  /** log(1 - q): below it the loss has no mass (-infinity for q = 1, the plain Gaussian). */
  double lowerSupport() {
    return q == 1 ? Double.NEGATIVE_INFINITY : Math.log1p(-q);
  }

  /** P(L <= t). */
  double cdf(double t) {
    if (t <= lowerSupport()) {
      return 0.0;
    }
    double z = z(t);
    return 0.5 * q * Erfc.erfc(-lowArg(z)) + 0.5 * (1 - q) * Erfc.erfc(-highArg(z));
  }

  /** P(L > t) = 1 - cdf(t). */
  double sf(double t) {
    if (t <= lowerSupport()) {
      return 1.0;
    }
    double z = z(t);
    return 0.5 * q * Erfc.erfc(lowArg(z)) + 0.5 * (1 - q) * Erfc.erfc(highArg(z));
  }

  /**
   * z = log((e^t + q - 1) / q), the Gaussian output that has privacy loss t; as log1p(expm1(t)/q)
   * it keeps its digits near t = 0, where Opacus' form loses a factor 1/q of them (and
   * overflowed to infinity past t = 709, where the loss of one step of a tiny sigma lies).
   */
  private double z(double t) {
    if (q == 1) {
      return t;
    }
    // past t = 700, e^t overflows: z = t - log q + log1p((q - 1) e^-t), the same number
    return t > 700 ? t - Math.log(q) + Math.log1p((q - 1) * Math.exp(-t))
        : Math.log1p(Math.expm1(t) / q);
  }

  private double lowArg(double z) {
    return (2 * z * sigma * sigma - 1) / (2 * SQRT2 * sigma);
  }

  private double highArg(double z) {
    return (2 * z * sigma * sigma + 1) / (2 * SQRT2 * sigma);
  }
}
