package slash.methods;

import ai.djl.ndarray.NDManager;
import java.util.Locale;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.djl.DjlAdaptation;
import slash.dl4j.SdAdaptation;

/**
 * One method as the registry lists it: its CLI name, its config record (with the defaults the
 * CLI shows), its two engine classes, and what the tables and benchmarks need to know of it, so
 * that no code outside the method's folder asks for its class.
 *
 * @param id the name on the command line, in labels and in the paper's hyperparameter tables,
 *     e.g. {@code jr-warp}
 * @param title the name tables and help use, e.g. {@code JR-WARP}
 * @param role the paper's own method or a baseline it compares with
 * @param rates the family that gives the method its learning rate at each scale
 * @param benchmark the config Table 5 measures (SLaSh at d = 5,000, LoRA at rank 1, ...)
 */
public record MethodEntry<C extends MethodConfig>(String id, String title, Class<C> type,
    C defaults, DjlFactory<C> djl, SdFactory<C> dl4j, Role role, RateFamily rates,
    C benchmark) {
  /** Whether the paper proposes the method or compares with it: the tables' footnotes differ. */
  public enum Role { PAPER, BASELINE }

  public MethodEntry {
    if (!type.isInstance(defaults) || !type.isInstance(benchmark)) {
      throw new IllegalArgumentException(id + ": defaults and benchmark must be " + type);
    }
  }

  /** The method's DJL class, built from its config. */
  @FunctionalInterface
  public interface DjlFactory<C> {
    DjlAdaptation create(C config, EncoderConfig encoder, long seed, NDManager manager);
  }

  /** The method's SameDiff class, built from its config. */
  @FunctionalInterface
  public interface SdFactory<C> {
    SdAdaptation create(C config, EncoderConfig encoder, long seed);
  }

  /** The JSON tag of the config: the constant name of earlier versions, e.g. {@code JR_WARP}. */
  public String jsonName() {
    return id.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  public DjlAdaptation djl(MethodConfig config, EncoderConfig encoder, long seed,
      NDManager manager) {
    return djl.create(type.cast(config), encoder, seed, manager);
  }

  public SdAdaptation dl4j(MethodConfig config, EncoderConfig encoder, long seed) {
    return dl4j.create(type.cast(config), encoder, seed);
  }

  /** For methods that add no tensors and no hooks (they train encoder weights or only a head). */
  static <C> DjlFactory<C> noDjlHooks() {
    return (config, encoder, seed, manager) -> DjlAdaptation.none();
  }

  static <C> SdFactory<C> noSdHooks() {
    return (config, encoder, seed) -> SdAdaptation.none();
  }
}
