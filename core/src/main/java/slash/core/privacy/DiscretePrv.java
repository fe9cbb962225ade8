package slash.core.privacy;

/**
 * A privacy random variable on a mesh: probability {@code pmf[i]} at {@code domain.t(i)}.
 * Epsilon comes from delta(eps) = sum over t_i >= eps of p_i (1 - e^(eps - t_i)) as in Opacus'
 * {@code DiscretePRV.compute_epsilon}.
 */
record DiscretePrv(double[] pmf, PrvDomain domain) {
  /** Beyond this |t|, e^(-t) leaves the range of a double (e^709 is its largest power of e). */
  private static final double SCALED_BEYOND = 700;

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
    requireResolvable(delta, deltaError, pmf.length);
    int n = pmf.length;
    // tail sums from the top: d1 = sum_{j >= i} p_j, d2 = sum_{j >= i} p_j e^(-t_j); on a
    // domain past |t| = 700, where e^(-t) over- or underflows, d2 is held scaled by e^(t_i)
    // (sum_{j >= i} p_j e^(t_i - t_j), by recurrence), else as Opacus sums it
    boolean scaled = Math.max(-domain.tMin(), domain.tMax()) > SCALED_BEYOND;
    double[] d1 = new double[n];
    double[] d2 = new double[n];
    double s1 = 0;
    double s2 = 0;
    double decay = Math.exp(-domain.dt());
    for (int i = n - 1; i >= 0; i--) {
      s1 += pmf[i];
      s2 = scaled ? pmf[i] + decay * s2 : s2 + pmf[i] * Math.exp(-domain.t(i));
      d1[i] = s1;
      d2[i] = s2;
    }
    double upper = find(d1, d2, scaled, delta - deltaError) + epsError;
    double lower = find(d1, d2, scaled, delta + deltaError) - epsError;
    double estimate = find(d1, d2, scaled, delta);
    return new EpsilonBounds(lower, estimate, upper);
  }

  /** Throws unless a mesh of {@code size} nodes resolves delta - deltaError in double precision. */
  static void requireResolvable(double delta, double deltaError, int size) {
    if (Math.ulp(1.0) * size > delta - deltaError) {
      throw new PrivacyConfigException("delta", "= " + Rounded.of(delta) + " is too small for "
          + "the PRV accountant's mesh of " + size + " nodes: its rounding errors (about "
          + Rounded.of(Math.ulp(1.0) * size) + ") would dominate");
    }
  }

  /** Solves d1[i] - e^eps d2[i] = target in the first cell i whose delta is <= target. */
  private double find(double[] d1, double[] d2, boolean scaled, double target) {
    int i = searchLeft(d1, d2, scaled, -target);
    if (i <= 0) {
      throw new IllegalStateException("cannot compute epsilon: delta " + Rounded.of(target)
          + " is beyond the mesh");
    }
    if (i >= d1.length) {
      throw new IllegalStateException("cannot compute epsilon: delta " + Rounded.of(target)
          + " is never reached on the mesh");
    }
    double ratio = (d1[i] - target) / d2[i];
    return scaled ? domain.t(i) + Math.log(ratio) : Math.log(ratio);
  }

  /**
   * numpy.searchsorted(-delta(t), v, side="left") with -delta(t_i) = e^t_i d2[i] - d1[i]
   * evaluated only where the bisection looks (exactly numpy's bisection, so that rounding noise
   * far out in the lower tail, where the sequence need not be monotone, is read the same way).
   */
  private int searchLeft(double[] d1, double[] d2, boolean scaled, double v) {
    int lo = 0;
    int hi = d1.length;
    while (lo < hi) {
      int mid = lo + ((hi - lo) >>> 1);
      double minusDelta = scaled ? d2[mid] - d1[mid] : Math.exp(domain.t(mid)) * d2[mid] - d1[mid];
      if (minusDelta < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
