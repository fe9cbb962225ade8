package slash.core.projection;

import java.util.Locale;

/**
 * The random distributions of paper Appendix B.2, each with variance 1/d so that every entry of
 * z_l = W_l z has variance 1/d. Uniform follows the released code, (u - 0.5) / sqrt(d / 12); the
 * paper's text writes the bound as 1/sqrt(12 d), which would give variance 1/(36 d) and contradict
 * its own variance statement.
 */
public enum Distribution {
  NORMAL,
  UNIFORM;

  public static Distribution parse(String name) {
    return switch (name.strip().toUpperCase(Locale.ROOT)) {
      case "NORMAL", "N", "GAUSSIAN" -> NORMAL;
      case "UNIFORM", "U" -> UNIFORM;
      default -> throw new IllegalArgumentException("unknown distribution '" + name
          + "'; use normal (N) or uniform (U)");
    };
  }
}
