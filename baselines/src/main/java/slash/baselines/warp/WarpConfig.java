package slash.baselines.warp;

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
import slash.core.model.EncoderWeights;

/**
 * WARP_n (Hambardzumyan et al., 2021): n trainable prompt vectors in front of the input, at the
 * place JR-WARP puts its first-layer prompt (the LayerNormed embedding output), N(0, 1), the scale
 * of the embeddings they sit beside. n = 0 leaves the encoder as it is: the linear [MASK] probe.
 */
public record WarpConfig(
    @Knob(option = "prompts", description = "number n of prompt vectors") int promptLength)
    implements MethodConfig, Sized {
  public static final String PROMPTS = "warp.prompts";
  public static final WarpConfig DEFAULTS = new WarpConfig(20);

  public WarpConfig {
    require(promptLength >= 0, "promptLength", "must be >= 0, was " + promptLength);
  }

  @Override
  public String label() {
    return "warp-" + promptLength;
  }

  @Override
  public int size() {
    return promptLength;
  }

  @Override
  public WarpConfig withSize(int size) {
    return new WarpConfig(size);
  }

  @Override
  public List<String> knownDifferences() {
    return List.of("Differs from WARP's paper: WARP_n runs without its verbalizer (a linear head "
        + "on [MASK], as our other rows).");
  }

  @Override
  public Map<String, long[]> layout(EncoderConfig encoder) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    if (promptLength > 0) {
      shapes.put(PROMPTS, new long[] {promptLength, encoder.hidden()});
    }
    return shapes;
  }

  @Override
  public float[] initialValues(String name, long[] shape, long seed) {
    return SeededInit.gaussian(Math.toIntExact(Trainables.elements(shape)), seed, name, 1.0);
  }

  /** Prompts add positions: only WARP_0 (no prompts) is the plain encoder. */
  @Override
  public Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state) {
    return promptLength == 0 ? Optional.of(weights) : Optional.empty();
  }
}
