package slash.core.privacy;

/**
 * RDP to (epsilon, delta)-DP: Balle, Barthe, Gaboardi, Hsu, Sato 2020 ("Hypothesis testing
 * interpretations and Renyi differential privacy", Theorem 21 of arXiv:1905.09982),
 * eps = rdp(a) + log((a - 1) / a) - (log(delta) + log(a)) / (a - 1), minimised over the orders,
 * exactly as Opacus' {@code get_privacy_spent} (NaN orders, such as a = 1, are skipped).
 */
final class RdpConversion {
  private RdpConversion() {}

  /** The minimising epsilon and its order. */
  record Result(double epsilon, double order) {}

  static Result epsilon(double[] orders, double[] rdp, double delta) {
    if (orders.length != rdp.length) {
      throw new IllegalArgumentException("orders and rdp differ in length");
    }
    double best = Double.NaN;
    double bestOrder = Double.NaN;
    for (int i = 0; i < orders.length; i++) {
      double a = orders[i];
      double eps = rdp[i] - (Math.log(delta) + Math.log(a)) / (a - 1) + Math.log((a - 1) / a);
      if (!Double.isNaN(eps) && (Double.isNaN(best) || eps < best)) {
        best = eps;
        bestOrder = a;
      }
    }
    return Double.isNaN(best) ? new Result(Double.POSITIVE_INFINITY, Double.NaN)
        : new Result(best, bestOrder);
  }
}
