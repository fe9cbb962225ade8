package slash.repro.tables;

import slash.core.method.MethodConfig;
import slash.core.method.Sized;
import slash.core.model.EncoderConfig;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.text.Representation;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.ShiftPosition;
import slash.methods.slash.SlashConfig;

/**
 * One method configuration a table row runs. SLaSh/JR-WARP sizes that the paper ties to the model
 * (the maximum d, d equal to the hidden size for W = I) are resolved against the encoder of the
 * scale, so the same row means the same thing on the smoke encoder, MiniLM and RoBERTa.
 */
public record Variant(MethodConfig method, Representation representation, Size size,
    boolean initPinned, boolean dp) {
  /** This variant trained with DP-SGD (Table 6's private rows; budgets in {@link PrivatePlan}). */
  public Variant privately() {
    return new Variant(method, representation, size, initPinned, true);
  }

  /** How d is chosen: as written, every output activation of the encoder, or its hidden size. */
  public enum Size { AS_WRITTEN, ALL_ACTIVATIONS, HIDDEN }

  /**
   * A non-private variant whose init the full-scale plan may set from the paper's best (Tables
   * 10-12).
   */
  public Variant(MethodConfig method, Representation representation, Size size) {
    this(method, representation, size, false, false);
  }

  public static Variant of(MethodConfig method) {
    return new Variant(method, Representation.MASK, Size.AS_WRITTEN);
  }

  public static Variant slash(int d) {
    return of(SlashConfig.of(d));
  }

  public static Variant jrWarp(int d) {
    return of(JrWarpConfig.of(d));
  }

  /** SLaSh with d = layers x hidden: a shift per output activation ("(max)" rows). */
  public static Variant slashMax() {
    return new Variant(SlashConfig.of(1), Representation.MASK, Size.ALL_ACTIVATIONS);
  }

  public static Variant slashAt(int d, ShiftPosition position) {
    return of(SlashConfig.of(d).withPosition(position));
  }

  /** Table 8's initialisations; W = I needs d = hidden. */
  public static Variant slashInit(int d, InitScheme init) {
    return new Variant(SlashConfig.of(d).withInit(init),
        Representation.MASK, init == InitScheme.IDENTITY_W ? Size.HIDDEN : Size.AS_WRITTEN);
  }

  /**
   * Table 8's rows ("z, W_l in {N, U}"): one initialisation scheme with the distribution fixed, so
   * a row runs both N and U and keeps the better, as the paper treats the choice.
   */
  public static Variant slashInit(int d, InitScheme init, Distribution distribution) {
    return new Variant(SlashConfig.of(d).withInit(init).withDistribution(distribution),
        Representation.MASK, init == InitScheme.IDENTITY_W ? Size.HIDDEN : Size.AS_WRITTEN, true,
        false);
  }

  public Variant with(Representation newRepresentation) {
    return new Variant(method, newRepresentation, size, initPinned, dp);
  }

  /** "d = hidden (768)" for a W = I row, "d = layers x hidden (9,216)" for a "(max)" row. */
  public String sizeNote(EncoderConfig encoder) {
    return switch (size) {
      case AS_WRITTEN -> null;
      case ALL_ACTIVATIONS -> String.format(java.util.Locale.ROOT,
          "d = layers x hidden = %d x %d = %,d", encoder.layers(), encoder.hidden(),
          encoder.layers() * encoder.hidden());
      case HIDDEN -> String.format(java.util.Locale.ROOT, "d = hidden = %,d", encoder.hidden());
    };
  }

  /** The method config for {@code encoder}. */
  public MethodConfig resolve(EncoderConfig encoder) {
    return switch (size) {
      case AS_WRITTEN -> method;
      case ALL_ACTIVATIONS -> sized().withSize(encoder.layers() * encoder.hidden());
      case HIDDEN -> sized().withSize(encoder.hidden());
    };
  }

  /** A size tied to the model needs a method with a size. */
  private Sized sized() {
    if (method instanceof Sized sized) {
      return sized;
    }
    throw new IllegalStateException(method.label() + " has no size to set to " + size);
  }
}
