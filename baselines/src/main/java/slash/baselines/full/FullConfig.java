package slash.baselines.full;

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
 * Full finetuning: every encoder weight trains in place, with the model's own dropout at Hugging
 * Face's four sites (the paper's baseline, as Hugging Face trains it). The trained weights are the
 * inference model.
 */
public record FullConfig() implements MethodConfig {
  @Override
  public String label() {
    return "full";
  }

  @Override
  public Map<String, long[]> layout(EncoderConfig encoder) {
    return new LinkedHashMap<>(EncoderLayout.shapes(encoder));
  }

  @Override
  public List<String> encoderWeights(EncoderConfig encoder) {
    return List.copyOf(EncoderLayout.shapes(encoder).keySet());
  }

  @Override
  public boolean keepsModelDropout() {
    return true;
  }

  @Override
  public Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state) {
    return Optional.of(weights);
  }

  /** The released code trains full finetuning with Hugging Face's classification head on [CLS]. */
  @Override
  public slash.core.text.Representation releasedHead() {
    return slash.core.text.Representation.CLS;
  }
}
