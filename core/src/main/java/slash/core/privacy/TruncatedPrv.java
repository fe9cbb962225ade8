package slash.core.privacy;

/**
 * A privacy random variable conditioned on [tMin, tMax), as Opacus'
 * {@code TruncatedPrivacyRandomVariable}: the mass outside is what the domain truncation drops
 * (bounded by delta_error through the choice of the domain).
 */
final class TruncatedPrv {
  private final SubsampledGaussianPrv prv;
  private final double tMin;
  private final double tMax;
  private final double cdfMin;
  private final double sfMax;
  private final double mass;

  TruncatedPrv(SubsampledGaussianPrv prv, double tMin, double tMax) {
    this.prv = prv;
    this.tMin = tMin;
    this.tMax = tMax;
    this.cdfMin = prv.cdf(tMin);
    this.sfMax = prv.sf(tMax);
    this.mass = 1 - cdfMin - sfMax;
  }

  double cdf(double t) {
    return t < tMin ? 0.0 : t < tMax ? (prv.cdf(t) - cdfMin) / mass : 1.0;
  }

  double sf(double t) {
    return t < tMin ? 1.0 : t < tMax ? (prv.sf(t) - sfMax) / mass : 0.0;
  }

  /**
   * The mean, integral of sf over [0, tMax) minus integral of cdf over [tMin, 0): Opacus' and
   * Microsoft's integration by parts, split at 0 so that neither half is a difference of
   * near-equal numbers. Breakpoints as theirs (log-spaced towards 0), each piece by adaptive
   * Gauss-Legendre. The discretisation shifts the grid by (this - discrete mean), and that shift
   * is multiplied by the number of steps, so this needs to be accurate to ~1e-15.
   */
  double mean() {
    double lo = Math.max(tMin, prv.lowerSupport());
    double below = 0;
    double left = lo;
    for (double p : logSpaced((int) Math.log10(Math.abs(tMin)), -5)) {
      if (-p > left) {
        below += Quadrature.integrate(this::cdf, left, -p);
        left = -p;
      }
    }
    below += Quadrature.integrate(this::cdf, left, 0.0);
    double above = 0;
    double right = 0.0;
    for (double p : logSpaced(-5, (int) Math.log10(tMax))) {
      if (p > right && p < tMax) {
        above += Quadrature.integrate(this::sf, right, p);
        right = p;
      }
    }
    above += Quadrature.integrate(this::sf, right, tMax);
    return above - below;
  }

  /** numpy.logspace(start, stop, 10). */
  private static double[] logSpaced(int start, int stop) {
    double[] points = new double[10];
    for (int k = 0; k < 10; k++) {
      points[k] = Math.pow(10, start + k * (stop - start) / 9.0);
    }
    return points;
  }
}
