package slash.baselines.linear;

import java.util.Map;
import java.util.Optional;
import slash.core.io.FloatTensor;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderWeights;

/** The linear probe: a frozen encoder and a trained linear head on the [CLS] or [MASK] state. */
public record LinearConfig() implements MethodConfig {
  @Override
  public String label() {
    return "linear";
  }

  @Override
  public Map<String, long[]> layout(EncoderConfig encoder) {
    return Map.of();
  }

  @Override
  public Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state) {
    return Optional.of(weights);
  }
}
