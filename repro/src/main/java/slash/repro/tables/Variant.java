package slash.repro.tables;

import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.config.ShiftPosition;
import slash.core.model.EncoderConfig;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.text.Representation;

/**
 * One method configuration a table row runs. SLaSh/JR-WARP sizes that the paper ties to the model
 * (the maximum d, d equal to the hidden size for W = I) are resolved against the encoder of the
 * scale, so the same row means the same thing on the smoke encoder, MiniLM and RoBERTa.
 */
public record Variant(MethodConfig method, Representation representation, Size size) {
  /** How d is chosen: as written, every output activation of the encoder, or its hidden size. */
  public enum Size { AS_WRITTEN, ALL_ACTIVATIONS, HIDDEN }

  public static Variant of(MethodConfig method) {
    return new Variant(method, Representation.MASK, Size.AS_WRITTEN);
  }

  public static Variant slash(int d) {
    return of(MethodConfig.slash(d, Distribution.NORMAL));
  }

  public static Variant jrWarp(int d) {
    return of(MethodConfig.jrWarp(d, Distribution.NORMAL));
  }

  /** SLaSh with d = layers x hidden: a shift per output activation ("(max)" rows). */
  public static Variant slashMax() {
    return new Variant(MethodConfig.slash(1, Distribution.NORMAL), Representation.MASK,
        Size.ALL_ACTIVATIONS);
  }

  public static Variant slashAt(int d, ShiftPosition position) {
    return of(MethodConfig.slash(d, Distribution.NORMAL).withPosition(position));
  }

  /** Table 8's initialisations; W = I needs d = hidden. */
  public static Variant slashInit(int d, InitScheme init) {
    return new Variant(MethodConfig.slash(d, Distribution.NORMAL).withInit(init),
        Representation.MASK, init == InitScheme.IDENTITY_W ? Size.HIDDEN : Size.AS_WRITTEN);
  }

  public Variant with(Representation newRepresentation) {
    return new Variant(method, newRepresentation, size);
  }

  /** The method config for {@code encoder}. */
  public MethodConfig resolve(EncoderConfig encoder) {
    return switch (size) {
      case AS_WRITTEN -> method;
      case ALL_ACTIVATIONS -> method.withD(encoder.layers() * encoder.hidden());
      case HIDDEN -> method.withD(encoder.hidden());
    };
  }

  /** Few-parameter methods (SLaSh, JR-WARP, WARP, linear) take larger learning rates. */
  public boolean fewParameters() {
    Method m = method.method();
    return m == Method.SLASH || m == Method.JR_WARP || m == Method.WARP || m == Method.LINEAR;
  }
}
