package slash.core.privacy;

/**
 * The complementary error function and its logarithm in double precision, by W. J. Cody's
 * rational Chebyshev approximations ("Rational Chebyshev approximations for the error function",
 * Math. Comp. 23, 1969; Netlib SPECFUN CALERF), relative error about 1e-16 on all three ranges.
 * The JDK has no erfc; the PRV's cdf needs a fast one (millions of calls) and the fractional-order
 * RDP series needs log(erfc(x)) far past the point where erfc underflows (x > 26.5).
 */
final class Erfc {
  private static final double SQRT_PI_INV = 5.6418958354775628695e-1; // 1/sqrt(pi)
  private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02,
      3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1};
  private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02,
      1.28261652607737228e03, 2.84423683343917062e03};
  private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00,
      6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
      1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
      2.15311535474403846e-8};
  private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02,
      5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
      4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03};
  private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1,
      1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
      1.63153871373020978e-2};
  private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00,
      5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3};
  private static final double SMALL = 0.46875;
  private static final double XBIG = 26.543; // erfc(x) underflows beyond

  private Erfc() {}

  /** erfc(x) for any x. */
  static double erfc(double x) {
    double y = Math.abs(x);
    if (y <= SMALL) {
      return 1.0 - erfSmall(x);
    }
    double upper = y >= XBIG ? 0.0 : expMinusSquare(y) * scaled(y);
    return x < 0 ? 2.0 - upper : upper;
  }

  /** log(erfc(x)), finite for every finite x (scipy's log(2) + log_ndtr(-x sqrt 2)). */
  static double logErfc(double x) {
    if (x <= SMALL) {
      return Math.log(erfc(x));
    }
    return Math.log(scaled(x)) - x * x;
  }

  /** erf on |x| <= 0.46875. */
  private static double erfSmall(double x) {
    double ysq = Math.abs(x) > 1.11e-16 ? x * x : 0.0;
    double num = A[4] * ysq;
    double den = ysq;
    for (int i = 0; i < 3; i++) {
      num = (num + A[i]) * ysq;
      den = (den + B[i]) * ysq;
    }
    return x * (num + A[3]) / (den + B[3]);
  }

  /** exp(y^2) erfc(y) for y > 0.46875. */
  private static double scaled(double y) {
    if (y <= 4.0) {
      double num = C[8] * y;
      double den = y;
      for (int i = 0; i < 7; i++) {
        num = (num + C[i]) * y;
        den = (den + D[i]) * y;
      }
      return (num + C[7]) / (den + D[7]);
    }
    double ysq = 1.0 / (y * y);
    double num = P[5] * ysq;
    double den = ysq;
    for (int i = 0; i < 4; i++) {
      num = (num + P[i]) * ysq;
      den = (den + Q[i]) * ysq;
    }
    return (SQRT_PI_INV - ysq * (num + P[4]) / (den + Q[4])) / y;
  }

  /** exp(-y^2), split as Cody does so that the rounding of y^2 does not cost digits. */
  private static double expMinusSquare(double y) {
    double head = Math.floor(y * 16.0) / 16.0;
    double del = (y - head) * (y + head);
    return Math.exp(-head * head) * Math.exp(-del);
  }
}
