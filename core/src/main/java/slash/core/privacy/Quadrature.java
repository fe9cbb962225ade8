package slash.core.privacy;

import java.util.function.DoubleUnaryOperator;

/**
 * Adaptive 15-point Gauss-Legendre quadrature: a panel is accepted when it agrees with its two
 * halves to 1e-15 relative or 1e-18 absolute, else both halves recurse, at most 16 levels deep
 * (rounding noise of the integrand can keep the relative test from ever passing). For the smooth
 * cdf of a PRV this converges in a few levels.
 */
final class Quadrature {
  private static final int ORDER = 15;
  private static final double[] NODES = new double[ORDER];
  private static final double[] WEIGHTS = new double[ORDER];
  private static final double RELATIVE = 1e-15;
  private static final double ABSOLUTE = 1e-18;
  private static final int MAX_DEPTH = 16;

  static {
    // roots of P_15 by Newton's method from Chebyshev guesses; weights 2 / ((1 - x^2) P'(x)^2)
    for (int i = 0; i < ORDER; i++) {
      double x = Math.cos(Math.PI * (i + 0.75) / (ORDER + 0.5));
      double dp = 0;
      for (int iter = 0; iter < 100; iter++) {
        double p0 = 1;
        double p1 = x;
        for (int n = 2; n <= ORDER; n++) {
          double p2 = ((2 * n - 1) * x * p1 - (n - 1) * p0) / n;
          p0 = p1;
          p1 = p2;
        }
        dp = ORDER * (x * p1 - p0) / (x * x - 1);
        double dx = p1 / dp;
        x -= dx;
        if (Math.abs(dx) < 1e-17) {
          break;
        }
      }
      NODES[i] = x;
      WEIGHTS[i] = 2 / ((1 - x * x) * dp * dp);
    }
  }

  private Quadrature() {}

  static double integrate(DoubleUnaryOperator f, double a, double b) {
    if (!(b > a)) {
      return 0.0;
    }
    return refine(f, a, b, panel(f, a, b), 0);
  }

  private static double refine(DoubleUnaryOperator f, double a, double b, double whole,
      int depth) {
    double mid = 0.5 * (a + b);
    double left = panel(f, a, mid);
    double right = panel(f, mid, b);
    double halves = left + right;
    if (depth >= MAX_DEPTH
        || Math.abs(halves - whole) <= Math.max(RELATIVE * Math.abs(halves), ABSOLUTE)) {
      return halves;
    }
    return refine(f, a, mid, left, depth + 1) + refine(f, mid, b, right, depth + 1);
  }

  private static double panel(DoubleUnaryOperator f, double a, double b) {
    double half = 0.5 * (b - a);
    double centre = 0.5 * (a + b);
    double sum = 0;
    for (int i = 0; i < ORDER; i++) {
      sum += WEIGHTS[i] * f.applyAsDouble(centre + half * NODES[i]);
    }
    return sum * half;
  }
}
