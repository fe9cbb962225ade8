package slash.baselines.dl4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import slash.core.config.MethodConfig;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;
import slash.dl4j.SdPromptPositions;

/** WARP_n on SameDiff, the twin of the DJL baseline: n prompt vectors in front of the input. */
final class SdWarp extends SdLayoutAdaptation {
  private final int n;

  SdWarp(MethodConfig method, EncoderConfig encoder, long seed) {
    super(method, encoder, seed);
    this.n = method.promptLength();
  }

  @Override
  public Sequence afterEmbeddings(SameDiff graph, Sequence sequence) {
    return n == 0 ? sequence : SdPromptPositions.prepend(graph, sequence,
        variable(TrainableLayout.WARP_PROMPTS), n, encoder.hidden());
  }

  @Override
  public SDVariable finalHidden(SameDiff graph, SDVariable hidden) {
    return n == 0 ? hidden : SdPromptPositions.drop(graph, hidden, n);
  }
}
