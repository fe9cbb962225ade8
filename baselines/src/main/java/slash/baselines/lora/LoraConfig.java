package slash.baselines.lora;

import static slash.core.method.MethodConfig.require;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slash.core.io.FloatTensor;
import slash.core.method.AttentionProjection;
import slash.core.method.Knob;
import slash.core.method.MethodConfig;
import slash.core.method.SeededInit;
import slash.core.method.Sized;
import slash.core.method.Trainables;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderLayout;
import slash.core.model.EncoderWeights;

/**
 * LoRA (Hu et al., 2022): each targeted projection h = W x + b becomes h + (alpha / r) B A x,
 * A [r, H] Kaiming-uniform and B [H, r] zero, W frozen; merged into W for inference.
 */
public record LoraConfig(
    @Knob(description = "rank r of B A") int rank,
    @Knob(description = "scale numerator: the update is (alpha / rank) B A x") double alpha,
    @Knob(description = "attention projections to adapt: query, key, value")
    List<AttentionProjection> targets)
    implements MethodConfig, Sized {
  /** LoRA's default targets, as in Hu et al. (2022). */
  public static final List<AttentionProjection> DEFAULT_TARGETS =
      List.of(AttentionProjection.QUERY, AttentionProjection.VALUE);
  /** PEFT's default alpha: scale = alpha / rank. */
  public static final double DEFAULT_ALPHA = 8.0;
  public static final LoraConfig DEFAULTS = of(8);

  public LoraConfig {
    require(rank > 0, "rank", "must be a positive integer, was " + rank);
    require(alpha > 0 && Double.isFinite(alpha), "alpha", "must be a positive number, was "
        + alpha);
    targets = targets == null ? DEFAULT_TARGETS : List.copyOf(targets);
    require(!targets.isEmpty(), "targets", "must name at least one projection");
  }

  /** LoRA of rank {@code rank} on query and value, alpha 8 (PEFT's default). */
  public static LoraConfig of(int rank) {
    return new LoraConfig(rank, DEFAULT_ALPHA, DEFAULT_TARGETS);
  }

  @Override
  public String label() {
    return "lora-r" + rank;
  }

  @Override
  public int size() {
    return rank;
  }

  @Override
  public LoraConfig withSize(int size) {
    return new LoraConfig(size, alpha, targets);
  }

  /** The output scale alpha / rank. */
  public double scale() {
    return alpha / rank;
  }

  @Override
  public void validate(EncoderConfig encoder) {
    require(rank <= encoder.hidden(), "rank", "rank " + rank + " exceeds hidden size "
        + encoder.hidden());
  }

  @Override
  public Map<String, long[]> layout(EncoderConfig encoder) {
    validate(encoder);
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (int l = 0; l < encoder.layers(); l++) {
      for (AttentionProjection target : targets) {
        shapes.put(a(l, target), new long[] {rank, encoder.hidden()});
        shapes.put(b(l, target), new long[] {encoder.hidden(), rank});
      }
    }
    return shapes;
  }

  /** A: kaiming_uniform_(a = sqrt 5) on [r, in], i.e. U(-1/sqrt(in), 1/sqrt(in)); B: zero. */
  @Override
  public float[] initialValues(String name, long[] shape, long seed) {
    int n = Math.toIntExact(Trainables.elements(shape));
    return name.endsWith("lora_A.weight")
        ? SeededInit.uniform(n, seed, name, 1 / Math.sqrt(shape[1])) : new float[n];
  }

  @Override
  public Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state) {
    return Optional.of(LoraMerge.merge(weights, this, state));
  }

  /** The weight LoRA adapts: {@code encoder.layer.l.attention.self.<target>}. */
  public static String base(int layer, AttentionProjection target) {
    return EncoderLayout.layer(layer) + "attention.self." + target.id();
  }

  public static String a(int layer, AttentionProjection target) {
    return base(layer, target) + ".lora_A.weight";
  }

  public static String b(int layer, AttentionProjection target) {
    return base(layer, target) + ".lora_B.weight";
  }

  /** The released code trains LoRA with Hugging Face's classification head on [CLS]. */
  @Override
  public slash.core.text.Representation releasedHead() {
    return slash.core.text.Representation.CLS;
  }
}
