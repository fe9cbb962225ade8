package slash.baselines.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import slash.core.config.MethodConfig;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;
import slash.djl.PromptPositions;

/**
 * WARP_n (Hambardzumyan et al., 2021): n trainable prompt vectors in front of the input, at the
 * place JR-WARP puts its first-layer prompt (the LayerNormed embedding output); the head reads the
 * [MASK] (or [CLS]) state as usual. n = 0 leaves the encoder as it is: the linear [MASK] probe.
 */
final class Warp extends LayoutAdaptation {
  private final int n;

  Warp(MethodConfig method, EncoderConfig encoder, long seed, NDManager parent) {
    super(method, encoder, seed, parent);
    this.n = method.promptLength();
  }

  @Override
  public Sequence afterEmbeddings(Sequence sequence) {
    return n == 0 ? sequence
        : PromptPositions.prepend(sequence, tensor(TrainableLayout.WARP_PROMPTS));
  }

  @Override
  public NDArray finalHidden(NDArray hidden) {
    return n == 0 ? hidden : PromptPositions.drop(hidden, n);
  }
}
