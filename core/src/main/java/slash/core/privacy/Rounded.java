package slash.core.privacy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers in messages rounded to what they mean: three significant digits, trailing zeros
 * dropped, plain between 1e-3 and 1e4 ({@code 6.7}, {@code 0.1}, {@code 1150}) and scientific
 * as DP papers write it outside ({@code 3.01e6}, {@code 1.1e-18}); "infinity" and "NaN" as words.
 */
public final class Rounded {
  private static final MathContext DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

  private Rounded() {}

  /** {@code x} to three significant digits. */
  public static String of(double x) {
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "infinity" : "-infinity";
    }
    if (x == 0) {
      return "0";
    }
    BigDecimal r = new BigDecimal(x).round(DIGITS).stripTrailingZeros();
    double abs = Math.abs(r.doubleValue());
    if (abs >= 1e-3 && abs < 1e4) {
      return r.toPlainString();
    }
    int exponent = r.precision() - r.scale() - 1;
    return r.movePointLeft(exponent).toPlainString() + "e" + exponent;
  }
}
