package slash.methods.slash;

import java.util.Locale;

/** Where SLaSh adds W_l z in each block (paper Appendix B.1, Table 7). */
public enum ShiftPosition {
  /** The output feed-forward activation, before the residual LayerNorm: the paper's choice. */
  OUTPUT,
  /** The intermediate feed-forward activation, before GELU (size 4 x hidden). */
  INTERMEDIATE,
  /**
   * The attention output projection's activation, before its residual LayerNorm (folds into
   * {@code attention.output.dense.bias}). Not where the released code adds its "attention" shift:
   * kept as a named option; Table 7's attention row runs {@link #ATTENTION_LAYERNORM}.
   */
  ATTENTION,
  /**
   * After the attention block's residual LayerNorm, LayerNorm(attention + input) + W_l z, as the
   * released code adds its "attention" shift (Table 7's attention row). Folds exactly into
   * {@code attention.output.LayerNorm.bias}: LayerNorm(x) * g + b + s.
   */
  ATTENTION_LAYERNORM;

  public static ShiftPosition parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown shift position '" + name
          + "'; use output, intermediate, attention or attention_layernorm");
    }
  }
}
