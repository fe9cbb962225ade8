package slash.core.privacy;

/** Sums and differences of numbers held as their logarithms (0 is -infinity), as Opacus does. */
final class LogSpace {
  private LogSpace() {}

  /** log(e^x + e^y). */
  static double add(double logx, double logy) {
    double a = Math.min(logx, logy);
    double b = Math.max(logx, logy);
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    return Math.log1p(Math.exp(a - b)) + b;
  }

  /** log(e^x - e^y) for x >= y. */
  static double sub(double logx, double logy) {
    if (logx < logy) {
      throw new ArithmeticException("log-space subtraction would be negative");
    }
    if (logy == Double.NEGATIVE_INFINITY) {
      return logx;
    }
    if (logx == logy) {
      return Double.NEGATIVE_INFINITY;
    }
    double d = Math.expm1(logx - logy);
    // Python's math.expm1 overflows to an error there and Opacus then keeps logx
    return Double.isInfinite(d) ? logx : Math.log(d) + logy;
  }
}
