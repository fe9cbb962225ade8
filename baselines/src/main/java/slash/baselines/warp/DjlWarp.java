package slash.baselines.warp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderHooks.Sequence;
import slash.djl.DjlLayoutAdaptation;
import slash.djl.DjlPrompts;

/** WARP_n on DJL: n prompt vectors in front of the input, dropped before the head. */
public final class DjlWarp extends DjlLayoutAdaptation {
  private final int n;

  public DjlWarp(WarpConfig method, EncoderConfig encoder, long seed, NDManager parent) {
    super(method, encoder, seed, parent);
    this.n = method.promptLength();
  }

  @Override
  public Sequence<NDArray> afterEmbeddings(Sequence<NDArray> sequence) {
    return n == 0 ? sequence
        : DjlPrompts.prepend(sequence, tensor(WarpConfig.PROMPTS));
  }

  @Override
  public NDArray finalHidden(NDArray hidden) {
    return n == 0 ? hidden : DjlPrompts.drop(hidden, n);
  }
}
