package slash.core.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderLayout;

/**
 * The tensors each method trains, with their names and shapes, from the configs alone (no weights).
 * Both engines create their trainables from this list, so checkpoints cross engines and the
 * parameter count of a paper row can be checked without a model.
 */
public final class TrainableLayout {
  public static final String SLASH_Z = "slash.z";
  public static final String JR_WARP_Z = "jrwarp.z";
  public static final String WARP_PROMPTS = "warp.prompts";
  /** The two Houlsby adapter sites of every block: after attention, after the feed-forward. */
  public static final List<String> ADAPTER_SITES = List.of("attention.output", "output");

  private TrainableLayout() {}

  /**
   * Everything the method trains besides the head, in a fixed order: new tensors (z, LoRA
   * factors, adapters, prompts) and encoder weights that train in place (full finetuning, BitFit).
   */
  public static Map<String, long[]> of(MethodConfig method, EncoderConfig encoder) {
    method.validate(encoder.hidden(), encoder.intermediate());
    Map<String, long[]> shapes = new LinkedHashMap<>();
    long h = encoder.hidden();
    switch (method.method()) {
      case SLASH -> shapes.put(SLASH_Z, new long[] {method.d()});
      case JR_WARP -> shapes.put(JR_WARP_Z, new long[] {method.d()});
      case LINEAR -> { }
      case FULL, BITFIT -> encoderWeights(method, encoder)
          .forEach(name -> shapes.put(name, EncoderLayout.shapes(encoder).get(name)));
      case LORA -> {
        for (int l = 0; l < encoder.layers(); l++) {
          for (String target : targets(method)) {
            shapes.put(loraA(l, target), new long[] {method.rank(), h});
            shapes.put(loraB(l, target), new long[] {h, method.rank()});
          }
        }
      }
      case ADAPTER -> {
        long m = method.bottleneck();
        for (int l = 0; l < encoder.layers(); l++) {
          for (String site : ADAPTER_SITES) {
            shapes.put(adapter(l, site, "down.weight"), new long[] {m, h});
            shapes.put(adapter(l, site, "down.bias"), new long[] {m});
            shapes.put(adapter(l, site, "up.weight"), new long[] {h, m});
            shapes.put(adapter(l, site, "up.bias"), new long[] {h});
          }
        }
      }
      case WARP -> {
        if (method.promptLength() > 0) {
          shapes.put(WARP_PROMPTS, new long[] {method.promptLength(), h});
        }
      }
    }
    return shapes;
  }

  /** Encoder weights that train in place: all of them (full finetuning), every bias (BitFit). */
  public static List<String> encoderWeights(MethodConfig method, EncoderConfig encoder) {
    return switch (method.method()) {
      case FULL -> List.copyOf(EncoderLayout.shapes(encoder).keySet());
      case BITFIT -> EncoderLayout.shapes(encoder).keySet().stream()
          .filter(name -> name.endsWith(".bias")).toList();
      default -> List.of();
    };
  }

  /**
   * The model's dropout for this method while training: full finetuning keeps the config's
   * probabilities (as Hugging Face trains); every other method runs without, as the paper does
   * for SLaSh and JR-WARP. Null when there is none.
   */
  public static DropoutMasks dropout(MethodConfig method, EncoderConfig encoder, long seed) {
    if (method.method() != Method.FULL) {
      return null;
    }
    DropoutMasks masks = new DropoutMasks(seed, encoder.hiddenDropout(),
        encoder.attentionDropout());
    return masks.active() ? masks : null;
  }

  /** Trainable parameters of the method plus a linear head with {@code outputs} outputs. */
  public static long count(MethodConfig method, EncoderConfig encoder, int outputs) {
    long total = (long) outputs * (encoder.hidden() + 1);
    for (long[] shape : of(method, encoder).values()) {
      total += elements(shape);
    }
    return total;
  }

  public static long elements(long[] shape) {
    long n = 1;
    for (long dim : shape) {
      n *= dim;
    }
    return n;
  }

  public static List<String> targets(MethodConfig method) {
    return method.targets() == null ? MethodConfig.LORA_TARGETS : method.targets();
  }

  /** The weight LoRA adapts: {@code encoder.layer.l.attention.self.<target>.weight}. */
  public static String loraBase(int layer, String target) {
    return EncoderLayout.layer(layer) + "attention.self." + target;
  }

  public static String loraA(int layer, String target) {
    return loraBase(layer, target) + ".lora_A.weight";
  }

  public static String loraB(int layer, String target) {
    return loraBase(layer, target) + ".lora_B.weight";
  }

  public static String adapter(int layer, String site, String tensor) {
    return EncoderLayout.layer(layer) + site + ".adapter." + tensor;
  }
}
