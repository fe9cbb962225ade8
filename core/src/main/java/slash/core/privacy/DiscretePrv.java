package slash.core.privacy;

/**
 * A privacy random variable on a mesh: probability {@code pmf[i]} at {@code domain.t(i)}.
 * Epsilon comes from delta(eps) = sum over t_i >= eps of p_i (1 - e^(eps - t_i)) as in Opacus'
 * {@code DiscretePRV.compute_epsilon}.
 */
record DiscretePrv(double[] pmf, PrvDomain domain) {
  /** Lower bound, estimate and upper bound of epsilon. */
  record EpsilonBounds(double lower, double estimate, double upper) {}

  DiscretePrv {
    if (pmf.length != domain.size()) {
      throw new IllegalArgumentException("pmf and domain must have the same length");
    }
  }

  /**
   * Epsilon for {@code delta}: the estimate at delta itself; the upper bound at
   * (delta - deltaError) plus epsError and the lower bound at (delta + deltaError) minus epsError
   * (Gopi et al. 2021, theorem 5.5: the discretised PRV is within those errors of the true one).
   */
  EpsilonBounds epsilon(double delta, double deltaError, double epsError) {
    if (delta <= 0) {
      double inf = Double.POSITIVE_INFINITY;
      return new EpsilonBounds(inf, inf, inf);
    }
    if (Math.ulp(1.0) * pmf.length > delta - deltaError) {
      throw new PrivacyConfigException("delta", "is too small for a mesh of " + pmf.length
          + " points: floating point errors would dominate");
    }
    int n = pmf.length;
    // tail sums from the top: d1 = sum_{j >= i} p_j, d2 = sum_{j >= i} p_j e^(-t_j)
    double[] d1 = new double[n];
    double[] d2 = new double[n];
    double s1 = 0;
    double s2 = 0;
    for (int i = n - 1; i >= 0; i--) {
      s1 += pmf[i];
      s2 += pmf[i] * Math.exp(-domain.t(i));
      d1[i] = s1;
      d2[i] = s2;
    }
    double upper = find(d1, d2, delta - deltaError) + epsError;
    double lower = find(d1, d2, delta + deltaError) - epsError;
    double estimate = find(d1, d2, delta);
    return new EpsilonBounds(lower, estimate, upper);
  }

  /** Solves d1[i] - e^eps d2[i] = target in the first cell i whose delta is <= target. */
  private double find(double[] d1, double[] d2, double target) {
    int i = searchLeft(d1, d2, -target);
    if (i <= 0) {
      throw new IllegalStateException("cannot compute epsilon: delta " + target
          + " is beyond the mesh");
    }
    if (i >= d1.length) {
      throw new IllegalStateException("cannot compute epsilon: delta " + target
          + " is never reached on the mesh");
    }
    return Math.log((d1[i] - target) / d2[i]);
  }

  /**
   * numpy.searchsorted(-delta(t), v, side="left") with -delta(t_i) = e^t_i d2[i] - d1[i]
   * evaluated only where the bisection looks (exactly numpy's bisection, so that rounding noise
   * far out in the lower tail, where the sequence need not be monotone, is read the same way).
   */
  private int searchLeft(double[] d1, double[] d2, double v) {
    int lo = 0;
    int hi = d1.length;
    while (lo < hi) {
      int mid = lo + ((hi - lo) >>> 1);
      if (Math.exp(domain.t(mid)) * d2[mid] - d1[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
