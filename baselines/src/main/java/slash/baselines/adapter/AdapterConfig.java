package slash.baselines.adapter;

import static slash.core.method.MethodConfig.require;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slash.core.io.FloatTensor;
import slash.core.method.Knob;
import slash.core.method.MethodConfig;
import slash.core.method.SeededInit;
import slash.core.method.Sized;
import slash.core.method.Trainables;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderLayout;
import slash.core.model.EncoderWeights;

/**
 * Houlsby adapters (Houlsby et al., 2019): after the attention output projection and after the
 * output feed-forward projection of every block (before residual and LayerNorm), a -> a +
 * up(swish(down(a))) with bottleneck m; N(0, 0.01) weights and zero biases (near identity). Does
 * not fold (it adds layers).
 */
public record AdapterConfig(@Knob(description = "bottleneck size m") int bottleneck)
    implements MethodConfig, Sized {
  /** The two adapter sites of every block: after attention, after the feed-forward. */
  public static final List<String> SITES = List.of("attention.output", "output");
  static final double WEIGHT_STD = 0.01;
  public static final AdapterConfig DEFAULTS = new AdapterConfig(64);

  public AdapterConfig {
    require(bottleneck > 0, "bottleneck", "must be a positive integer, was " + bottleneck);
  }

  @Override
  public String label() {
    return "adapter-m" + bottleneck;
  }

  @Override
  public int size() {
    return bottleneck;
  }

  @Override
  public AdapterConfig withSize(int size) {
    return new AdapterConfig(size);
  }

  @Override
  public void validate(EncoderConfig encoder) {
    require(bottleneck <= encoder.hidden(), "bottleneck", "bottleneck " + bottleneck
        + " exceeds hidden size " + encoder.hidden());
  }

  @Override
  public Map<String, long[]> layout(EncoderConfig encoder) {
    validate(encoder);
    Map<String, long[]> shapes = new LinkedHashMap<>();
    long h = encoder.hidden();
    long m = bottleneck;
    for (int l = 0; l < encoder.layers(); l++) {
      for (String site : SITES) {
        shapes.put(tensor(l, site, "down.weight"), new long[] {m, h});
        shapes.put(tensor(l, site, "down.bias"), new long[] {m});
        shapes.put(tensor(l, site, "up.weight"), new long[] {h, m});
        shapes.put(tensor(l, site, "up.bias"), new long[] {h});
      }
    }
    return shapes;
  }

  @Override
  public float[] initialValues(String name, long[] shape, long seed) {
    int n = Math.toIntExact(Trainables.elements(shape));
    return name.endsWith(".weight") ? SeededInit.gaussian(n, seed, name, WEIGHT_STD)
        : new float[n];
  }

  @Override
  public Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state) {
    return Optional.empty();
  }

  public static String tensor(int layer, String site, String tensor) {
    return EncoderLayout.layer(layer) + site + ".adapter." + tensor;
  }

  /** The released code trains adapters with Hugging Face's classification head on [CLS]. */
  @Override
  public slash.core.text.Representation releasedHead() {
    return slash.core.text.Representation.CLS;
  }
}
