package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Named points where an adaptation changes the encoder's activations. Every default leaves the
 * activation as it is, so a method overrides only the points it uses.
 */
public interface EncoderHooks {
  EncoderHooks NONE = new EncoderHooks() {};

  /** Called once per forward pass before any hook, with the step's scope. */
  default void beginForward(NDManager step) {}

  /** Embedding output [B, T, H] and its attention mask [B, T]; may add positions (prompts). */
  default Sequence afterEmbeddings(Sequence sequence) {
    return sequence;
  }

  /** Hidden states entering block {@code layer} (JR-WARP adds its prompt here for layer > 0). */
  default NDArray beforeLayer(int layer, NDArray hidden) {
    return hidden;
  }

  /**
   * A self-attention projection ({@code target} = query, key or value) of block {@code layer}:
   * its input [B, T, H] and output [B, T, H] (LoRA adds its low-rank update here).
   */
  default NDArray attentionProjection(int layer, String target, NDArray input, NDArray output) {
    return output;
  }

  /** Attention probabilities [B, heads, T, T] of block {@code layer} (dropout acts here). */
  default NDArray attentionProbabilities(int layer, NDArray probabilities) {
    return probabilities;
  }

  /** Attention output projection, before residual and LayerNorm. */
  default NDArray attentionOutput(int layer, NDArray activation) {
    return activation;
  }

  /** Intermediate feed-forward projection, before GELU. */
  default NDArray intermediate(int layer, NDArray activation) {
    return activation;
  }

  /** Output feed-forward projection, before residual and LayerNorm (SLaSh's default). */
  default NDArray output(int layer, NDArray activation) {
    return activation;
  }

  /** Final hidden states; methods that added positions remove them here so heads never see them. */
  default NDArray finalHidden(NDArray hidden) {
    return hidden;
  }

  /** Hidden states and the float attention mask (1 = attend) travelling together. */
  record Sequence(NDArray hidden, NDArray mask) {}
}
