package slash.repro.toymethod;

import static slash.core.method.MethodConfig.require;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import slash.core.io.FloatTensor;
import slash.core.method.Knob;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderLayout;
import slash.core.model.EncoderWeights;

/**
 * A throw-away method, registered from this folder alone ({@link TopBiasMethod}): BitFit on the
 * encoder's last {@code topLayers} blocks only. Its biases train in place, so it needs no engine
 * code, and it folds as BitFit does.
 */
public record TopBiasConfig(
    @Knob(option = "top-layers", description = "how many of the last blocks train their biases")
    int topLayers) implements MethodConfig {
  public TopBiasConfig {
    require(topLayers > 0, "topLayers", "must be positive, was " + topLayers);
  }

  @Override
  public String label() {
    return "top-bias-" + topLayers;
  }

  @Override
  public void validate(EncoderConfig encoder) {
    require(topLayers <= encoder.layers(), "topLayers", "the encoder has " + encoder.layers()
        + " blocks, not " + topLayers);
  }

  @Override
  public Map<String, long[]> layout(EncoderConfig encoder) {
    validate(encoder);
    Map<String, long[]> all = EncoderLayout.shapes(encoder);
    Map<String, long[]> shapes = new LinkedHashMap<>();
    encoderWeights(encoder).forEach(name -> shapes.put(name, all.get(name)));
    return shapes;
  }

  @Override
  public List<String> encoderWeights(EncoderConfig encoder) {
    List<String> blocks = IntStream.range(encoder.layers() - topLayers, encoder.layers())
        .mapToObj(EncoderLayout::layer).toList();
    return EncoderLayout.shapes(encoder).keySet().stream()
        .filter(name -> name.endsWith(".bias") && blocks.stream().anyMatch(name::startsWith))
        .toList();
  }

  @Override
  public Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state) {
    return Optional.of(weights);
  }
}
