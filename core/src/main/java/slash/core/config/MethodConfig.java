package slash.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;

/**
 * A method and its knobs. Knobs a method does not use are ignored; {@link #validate} checks the ones
 * it does.
 *
 * @param d size of z (SLaSh, JR-WARP)
 * @param position where SLaSh adds its shift
 * @param distribution N or U for z and W
 * @param init which of z, W are random (Table 8)
 * @param storage W stored or regenerated on the fly
 * @param projectionSeed seed of W and of z's initial value
 * @param rank LoRA rank
 * @param alpha LoRA scaling numerator (scale = alpha / rank)
 * @param bottleneck Adapter size m
 * @param promptLength WARP_n's n
 * @param targets LoRA's attention projections (query, key, value); default query and value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MethodConfig(Method method, Integer d, ShiftPosition position,
    Distribution distribution, InitScheme init, ProjectionStorage storage, Long projectionSeed,
    Integer rank, Double alpha, Integer bottleneck, Integer promptLength,
    List<String> targets) {

  /** LoRA's default targets, as in Hu et al. (2022). */
  public static final List<String> LORA_TARGETS = List.of("query", "value");
  /** PEFT's default alpha: scale = alpha / rank. */
  public static final double LORA_ALPHA = 8.0;

  public static MethodConfig slash(int d, Distribution distribution) {
    return new MethodConfig(Method.SLASH, d, ShiftPosition.OUTPUT, distribution, InitScheme.RANDOM,
        ProjectionStorage.STORED, 0L, null, null, null, null, null);
  }

  public static MethodConfig jrWarp(int d, Distribution distribution) {
    return new MethodConfig(Method.JR_WARP, d, null, distribution, InitScheme.RANDOM,
        ProjectionStorage.STORED, 0L, null, null, null, null, null);
  }

  public static MethodConfig of(Method method) {
    return new MethodConfig(method, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  /** LoRA of rank {@code rank} on query and value, alpha 8 (PEFT's default). */
  public static MethodConfig lora(int rank) {
    return new MethodConfig(Method.LORA, null, null, null, null, null, null, rank, LORA_ALPHA,
        null, null, LORA_TARGETS);
  }

  /** Houlsby adapters of bottleneck {@code m} after attention and after the feed-forward. */
  public static MethodConfig adapter(int m) {
    return new MethodConfig(Method.ADAPTER, null, null, null, null, null, null, null, null, m,
        null, null);
  }

  /** WARP with {@code n} prompt embeddings (n = 0 is the linear [MASK] probe). */
  public static MethodConfig warp(int n) {
    return new MethodConfig(Method.WARP, null, null, null, null, null, null, null, null, null, n,
        null);
  }

  public MethodConfig withD(int newD) {
    return new MethodConfig(method, newD, position, distribution, init, storage, projectionSeed,
        rank, alpha, bottleneck, promptLength, targets);
  }

  public MethodConfig withPosition(ShiftPosition newPosition) {
    return new MethodConfig(method, d, newPosition, distribution, init, storage, projectionSeed,
        rank, alpha, bottleneck, promptLength, targets);
  }

  public MethodConfig withInit(InitScheme newInit) {
    return new MethodConfig(method, d, position, distribution, newInit, storage, projectionSeed,
        rank, alpha, bottleneck, promptLength, targets);
  }

  public MethodConfig withStorage(ProjectionStorage newStorage) {
    return new MethodConfig(method, d, position, distribution, init, newStorage, projectionSeed,
        rank, alpha, bottleneck, promptLength, targets);
  }

  public MethodConfig withProjectionSeed(long seed) {
    return new MethodConfig(method, d, position, distribution, init, storage, seed,
        rank, alpha, bottleneck, promptLength, targets);
  }

  /** Fills the defaults a JSON file may leave out. */
  public MethodConfig withDefaults() {
    boolean projections = method.usesProjections();
    return new MethodConfig(method,
        d,
        position == null && method == Method.SLASH ? ShiftPosition.OUTPUT : position,
        distribution == null && projections ? Distribution.NORMAL : distribution,
        init == null && projections ? InitScheme.RANDOM : init,
        storage == null && projections ? ProjectionStorage.STORED : storage,
        projectionSeed == null && projections ? Long.valueOf(0L) : projectionSeed,
        rank,
        alpha == null && method == Method.LORA ? Double.valueOf(LORA_ALPHA) : alpha,
        bottleneck, promptLength,
        targets == null && method == Method.LORA ? LORA_TARGETS : targets);
  }

  /** Checks the knobs this method uses against the encoder's sizes. */
  public void validate(int hidden, int intermediate) {
    if (method == null) {
      throw new ConfigException("method", "is missing");
    }
    if (method.usesProjections()) {
      if (d == null) {
        throw new ConfigException("method.d", "is required for " + method.id());
      }
      if (d <= 0) {
        throw new ConfigException("method.d", "must be positive, was " + d);
      }
      if (init == InitScheme.IDENTITY_W) {
        int activation = method == Method.SLASH && position == ShiftPosition.INTERMEDIATE
            ? intermediate : hidden;
        if (d != activation) {
          throw new ConfigException("method.init", "identity_w needs d == activation size "
              + activation + ", but d = " + d);
        }
      }
    }
    if (method == Method.LORA) {
      if (rank == null || rank <= 0) {
        throw new ConfigException("method.rank", "must be a positive integer, was " + rank);
      }
      if (rank > hidden) {
        throw new ConfigException("method.rank", "rank " + rank + " exceeds hidden size " + hidden);
      }
      if (alpha != null && !(alpha > 0 && Double.isFinite(alpha))) {
        throw new ConfigException("method.alpha", "must be a positive number, was " + alpha);
      }
      if (targets != null) {
        if (targets.isEmpty()) {
          throw new ConfigException("method.targets", "must name at least one projection");
        }
        for (String target : targets) {
          if (!List.of("query", "key", "value").contains(target)) {
            throw new ConfigException("method.targets", "unknown projection '" + target
                + "'; LoRA targets are query, key, value");
          }
        }
      }
    }
    if (method == Method.ADAPTER && (bottleneck == null || bottleneck <= 0)) {
      throw new ConfigException("method.bottleneck", "must be a positive integer, was "
          + bottleneck);
    }
    if (method == Method.ADAPTER && bottleneck > hidden) {
      throw new ConfigException("method.bottleneck", "bottleneck " + bottleneck
          + " exceeds hidden size " + hidden);
    }
    if (method == Method.WARP && (promptLength == null || promptLength < 0)) {
      throw new ConfigException("method.promptLength", "must be >= 0, was " + promptLength);
    }
  }

  /** LoRA's output scale alpha / rank. */
  public double loraScale() {
    return (alpha == null ? LORA_ALPHA : alpha) / rank;
  }

  /** Short label for tables and file names, e.g. {@code slash-d1024}. */
  public String label() {
    return switch (method) {
      case SLASH, JR_WARP -> method.id() + "-d" + d;
      case LORA -> "lora-r" + rank;
      case ADAPTER -> "adapter-m" + bottleneck;
      case WARP -> "warp-" + promptLength;
      default -> method.id();
    };
  }
}
