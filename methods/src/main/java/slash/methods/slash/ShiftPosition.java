package slash.methods.slash;

import java.util.Locale;

/** Where SLaSh adds W_l z in each block (paper Appendix B.1, Table 7). */
public enum ShiftPosition {
  /** The output feed-forward activation, before the residual LayerNorm: the paper's choice. */
  OUTPUT,
  /** The intermediate feed-forward activation, before GELU (size 4 x hidden). */
  INTERMEDIATE,
  /** The attention output projection's activation, before its residual LayerNorm. */
  ATTENTION;

  public static ShiftPosition parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown shift position '" + name
          + "'; use output, intermediate or attention");
    }
  }
}
