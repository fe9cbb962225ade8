package slash.baselines.bitfit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slash.core.io.FloatTensor;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderLayout;
import slash.core.model.EncoderWeights;

/**
 * BitFit (Ben Zaken et al., 2022): every encoder bias trains in place, LayerNorm biases included;
 * the trained biases are the inference model.
 */
public record BitFitConfig() implements MethodConfig {
  @Override
  public String label() {
    return "bitfit";
  }

  @Override
  public Map<String, long[]> layout(EncoderConfig encoder) {
    Map<String, long[]> all = EncoderLayout.shapes(encoder);
    Map<String, long[]> shapes = new LinkedHashMap<>();
    encoderWeights(encoder).forEach(name -> shapes.put(name, all.get(name)));
    return shapes;
  }

  @Override
  public List<String> encoderWeights(EncoderConfig encoder) {
    return EncoderLayout.shapes(encoder).keySet().stream()
        .filter(name -> name.endsWith(".bias")).toList();
  }

  @Override
  public Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state) {
    return Optional.of(weights);
  }

  /** The released code trains BitFit with Hugging Face's classification head on [CLS]. */
  @Override
  public slash.core.text.Representation releasedHead() {
    return slash.core.text.Representation.CLS;
  }
}
