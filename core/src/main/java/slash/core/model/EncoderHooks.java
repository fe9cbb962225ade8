package slash.core.model;

import slash.core.method.AttentionProjection;

/**
 * Named points where an adaptation changes the encoder's activations, the same on both engines:
 * {@code A} is the engine's tensor (DJL's NDArray, SameDiff's SDVariable), {@code S} its scope
 * (the step's NDManager; the SameDiff graph). Every default leaves the activation as it is, so a
 * method overrides only the points it uses. Shapes: the sequence hooks ({@link #afterEmbeddings},
 * {@link #beforeLayer}, {@link #finalHidden}) see [B, T, H] on both engines; the activation hooks
 * inside a block (attention projection, attention output, attention LayerNorm, intermediate,
 * output) see [B, T, width] on DJL and rows [B*T, width] on SameDiff, which keeps a block on rows.
 * A per-feature shift (a rank-1 [width] tensor) broadcasts the same on either.
 */
public interface EncoderHooks<A, S> {
  /**
   * Called before the encoder runs, before any other hook: on DJL once per forward pass with the
   * step's scope, on SameDiff once while the graph is built (create variables there).
   */
  default void begin(S scope) {}

  /** Embedding output [B, T, H] and its attention mask [B, T]; may add positions (prompts). */
  default Sequence<A> afterEmbeddings(Sequence<A> sequence) {
    return sequence;
  }

  /** Hidden states entering block {@code layer} (JR-WARP adds its prompt here for layer > 0). */
  default A beforeLayer(int layer, A hidden) {
    return hidden;
  }

  /**
   * A self-attention projection of block {@code layer}: its input and output (LoRA adds its
   * low-rank update here). DJL passes [B, T, H]; SameDiff rows [B*T, H].
   */
  default A attentionProjection(int layer, AttentionProjection target, A input, A output) {
    return output;
  }

  /** Attention probabilities [B, heads, T, T] of block {@code layer} (dropout acts here). */
  default A attentionProbabilities(int layer, A probabilities) {
    return probabilities;
  }

  /** Attention output projection, before residual and LayerNorm (SameDiff: rows [B*T, H]). */
  default A attentionOutput(int layer, A activation) {
    return activation;
  }

  /**
   * The attention block's output after its residual LayerNorm, LayerNorm(attention + input): what
   * feeds the feed-forward block and its residual (the released code's "attention" shift acts here;
   * SameDiff: rows [B*T, H]).
   */
  default A attentionLayerNorm(int layer, A hidden) {
    return hidden;
  }

  /** Intermediate feed-forward projection, before GELU (SameDiff: rows [B*T, intermediate]). */
  default A intermediate(int layer, A activation) {
    return activation;
  }

  /**
   * Output feed-forward projection, before residual and LayerNorm (SLaSh's default; SameDiff:
   * rows [B*T, H]).
   */
  default A output(int layer, A activation) {
    return activation;
  }

  /** Final hidden states; methods that added positions remove them here so heads never see them. */
  default A finalHidden(A hidden) {
    return hidden;
  }

  /** Hidden states and the float attention mask (1 = attend) travelling together. */
  record Sequence<A>(A hidden, A mask) {}
}
