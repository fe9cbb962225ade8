package slash.core.projection;

import java.util.Locale;

/** The three initialisations of paper Table 8. */
public enum InitScheme {
  /** z and every W_l drawn from the distribution (the paper's main setting). */
  RANDOM,
  /** z = 0, W_l random. */
  ZERO_Z,
  /** z random, W_l = I (only when d equals the activation size): every block gets the same shift. */
  IDENTITY_W;

  public static InitScheme parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown init scheme '" + name
          + "'; use random, zero_z or identity_w");
    }
  }
}
