package slash.repro.tables;

import slash.baselines.linear.LinearConfig;
import slash.baselines.warp.WarpConfig;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
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
    boolean dp) {
  /** A non-private variant. */
  public Variant(MethodConfig method, Representation representation, Size size) {
    this(method, representation, size, false);
  }

  /** This variant trained with DP-SGD (Table 6's private rows; budgets in {@link PrivatePlan}). */
  public Variant privately() {
    return new Variant(method, representation, size, true);
  }

  /** How d is chosen: as written, every output activation of the encoder, or its hidden size. */
  public enum Size { AS_WRITTEN, ALL_ACTIVATIONS, HIDDEN }

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

  public Variant with(Representation newRepresentation) {
    return new Variant(method, newRepresentation, size, dp);
  }

  /** The method config for {@code encoder}. */
  public MethodConfig resolve(EncoderConfig encoder) {
    return switch (size) {
      case AS_WRITTEN -> method;
      case ALL_ACTIVATIONS -> ((SlashConfig) method).withD(encoder.layers() * encoder.hidden());
      case HIDDEN -> ((SlashConfig) method).withD(encoder.hidden());
    };
  }

  /** Few-parameter methods (SLaSh, JR-WARP, WARP, linear) take larger learning rates. */
  public boolean fewParameters() {
    return method instanceof SlashConfig || method instanceof JrWarpConfig
        || method instanceof WarpConfig || method instanceof LinearConfig;
  }
}
