package slash.methods;

import static slash.methods.MethodEntry.noDjlHooks;
import static slash.methods.MethodEntry.noSdHooks;
import static slash.methods.MethodEntry.Role.BASELINE;
import static slash.methods.MethodEntry.Role.PAPER;
import static slash.methods.RateFamily.ADDED_MODULES;
import static slash.methods.RateFamily.BIASES;
import static slash.methods.RateFamily.FEW_PARAMETERS;
import static slash.methods.RateFamily.FULL_FINETUNING;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import slash.baselines.adapter.AdapterConfig;
import slash.baselines.adapter.DjlAdapter;
import slash.baselines.adapter.SdAdapter;
import slash.baselines.bitfit.BitFitConfig;
import slash.baselines.full.FullConfig;
import slash.baselines.linear.LinearConfig;
import slash.baselines.lora.DjlLora;
import slash.baselines.lora.LoraConfig;
import slash.baselines.lora.SdLora;
import slash.baselines.warp.DjlWarp;
import slash.baselines.warp.SdWarp;
import slash.baselines.warp.WarpConfig;
import slash.core.io.Json;
import slash.core.method.MethodConfig;
import slash.methods.jrwarp.DjlJrWarp;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.jrwarp.SdJrWarp;
import slash.methods.slash.DjlSlash;
import slash.methods.slash.SdSlash;
import slash.methods.slash.SlashConfig;

/**
 * Every adaptation method, one line each, as PEFT's {@code register_peft_method}: adding a
 * method is one folder (its config record and its two engine classes) and one line here, or, for
 * a method outside this module, a {@link MethodProvider} on the class path. {@code
 * MethodConformanceTest} walks this list, so a method without cross-engine parity, fusion and
 * training tests fails the build.
 */
public final class MethodRegistry implements Json.Subtypes {
  private static final List<MethodEntry<?>> BUILT_IN = List.of(
      new MethodEntry<>("slash", "SLaSh", SlashConfig.class, SlashConfig.DEFAULTS,
          DjlSlash::new, SdSlash::new, PAPER, FEW_PARAMETERS, SlashConfig.of(5000)),
      new MethodEntry<>("jr-warp", "JR-WARP", JrWarpConfig.class, JrWarpConfig.DEFAULTS,
          DjlJrWarp::new, SdJrWarp::new, PAPER, FEW_PARAMETERS, JrWarpConfig.of(5000)),
      new MethodEntry<>("full", "full finetuning", FullConfig.class, new FullConfig(),
          noDjlHooks(), noSdHooks(), BASELINE, FULL_FINETUNING, new FullConfig()),
      new MethodEntry<>("linear", "linear probe", LinearConfig.class, new LinearConfig(),
          noDjlHooks(), noSdHooks(), BASELINE, FEW_PARAMETERS, new LinearConfig()),
      new MethodEntry<>("bitfit", "BitFit", BitFitConfig.class, new BitFitConfig(),
          noDjlHooks(), noSdHooks(), BASELINE, BIASES, new BitFitConfig()),
      new MethodEntry<>("lora", "LoRA", LoraConfig.class, LoraConfig.DEFAULTS,
          DjlLora::new, SdLora::new, BASELINE, ADDED_MODULES, LoraConfig.of(1)),
      new MethodEntry<>("adapter", "Adapter", AdapterConfig.class, AdapterConfig.DEFAULTS,
          DjlAdapter::new, SdAdapter::new, BASELINE, ADDED_MODULES, new AdapterConfig(1)),
      new MethodEntry<>("warp", "WARP", WarpConfig.class, WarpConfig.DEFAULTS,
          DjlWarp::new, SdWarp::new, BASELINE, FEW_PARAMETERS, new WarpConfig(20)));
  private static final List<MethodEntry<?>> ENTRIES = withProvided(BUILT_IN);

  /** For {@link java.util.ServiceLoader}: core reads configs back by their JSON names. */
  public MethodRegistry() {}

  /** The built-in methods, then those the class path's {@link MethodProvider}s add. */
  private static List<MethodEntry<?>> withProvided(List<MethodEntry<?>> builtIn) {
    List<MethodEntry<?>> all = new ArrayList<>(builtIn);
    for (MethodProvider provider : ServiceLoader.load(MethodProvider.class)) {
      for (MethodEntry<?> entry : provider.methods()) {
        all.stream().filter(e -> e.id().equals(entry.id()) || e.type() == entry.type())
            .findFirst().ifPresent(e -> {
              throw new IllegalStateException(provider.getClass().getName() + " registers "
                  + entry.id() + " (" + entry.type().getName() + "), which " + e.id()
                  + " already is");
            });
        all.add(entry);
      }
    }
    return List.copyOf(all);
  }

  public static List<MethodEntry<?>> all() {
    return ENTRIES;
  }

  /** The entry of a CLI name ({@code jr-warp}; also {@code jrwarp}, {@code JR_WARP}). */
  public static MethodEntry<?> byId(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return ENTRIES.stream()
        .filter(e -> e.id().equals(wanted) || e.id().replace("-", "").equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown method '" + name
            + "'; known methods: " + Arrays.toString(ENTRIES.stream()
                .map(MethodEntry::id).toArray())));
  }

  /** The entry whose config {@code config} is. */
  public static MethodEntry<?> of(MethodConfig config) {
    return ENTRIES.stream().filter(e -> e.type().isInstance(config)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(config.getClass().getName()
            + " is not a registered method config"));
  }

  /** Every method config type by its JSON name, for reading configs back. */
  @Override
  public Map<String, Class<?>> subtypes() {
    Map<String, Class<?>> types = new LinkedHashMap<>();
    ENTRIES.forEach(e -> types.put(e.jsonName(), e.type()));
    return types;
  }
}
