package slash.baselines.warp;

import org.nd4j.autodiff.samediff.SDVariable;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderHooks.Sequence;
import slash.dl4j.SdLayoutAdaptation;
import slash.dl4j.SdPrompts;

/** WARP_n on SameDiff, the twin of DjlWarp: n prompt vectors in front of the input. */
public final class SdWarp extends SdLayoutAdaptation {
  private final int n;

  public SdWarp(WarpConfig method, EncoderConfig encoder, long seed) {
    super(method, encoder, seed);
    this.n = method.promptLength();
  }

  @Override
  public Sequence<SDVariable> afterEmbeddings(Sequence<SDVariable> sequence) {
    return n == 0 ? sequence : SdPrompts.prepend(sd, sequence,
        variable(WarpConfig.PROMPTS), n, encoder.hidden());
  }

  @Override
  public SDVariable finalHidden(SDVariable hidden) {
    return n == 0 ? hidden : SdPrompts.drop(sd, hidden, n);
  }
}
