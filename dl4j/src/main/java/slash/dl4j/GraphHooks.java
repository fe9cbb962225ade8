package slash.dl4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The hook points of {@link SdEncoder}, the SameDiff twin of the DJL engine's EncoderHooks: the
 * same names, called while the graph is built rather than on every forward pass.
 */
public interface GraphHooks {
  GraphHooks NONE = new GraphHooks() {};

  /** Called once before the encoder is built: create variables and constants here. */
  default void beginGraph(SameDiff sd) {}

  /** Embedding output [B, T, H] and its float mask [B, T]; may add positions (prompts). */
  default Sequence afterEmbeddings(SameDiff sd, Sequence sequence) {
    return sequence;
  }

  /** Hidden states entering block {@code layer}. */
  default SDVariable beforeLayer(SameDiff sd, int layer, SDVariable hidden) {
    return hidden;
  }

  /**
   * A self-attention projection ({@code target} = query, key or value) of block {@code layer},
   * flattened to rows: input [B*T, H] and output [B*T, H] (LoRA adds its update here).
   */
  default SDVariable attentionProjection(SameDiff sd, int layer, String target, SDVariable input,
      SDVariable output) {
    return output;
  }

  /** Attention probabilities [B, heads, T, T] of block {@code layer} (dropout acts here). */
  default SDVariable attentionProbabilities(SameDiff sd, int layer, SDVariable probabilities) {
    return probabilities;
  }

  /** Attention output projection, before residual and LayerNorm. */
  default SDVariable attentionOutput(int layer, SDVariable activation) {
    return activation;
  }

  /** Intermediate feed-forward projection, before GELU. */
  default SDVariable intermediate(int layer, SDVariable activation) {
    return activation;
  }

  /** Output feed-forward projection, before residual and LayerNorm. */
  default SDVariable output(int layer, SDVariable activation) {
    return activation;
  }

  /** Final hidden states; methods that added positions remove them here. */
  default SDVariable finalHidden(SameDiff sd, SDVariable hidden) {
    return hidden;
  }

  /** Hidden states and the float attention mask (1 = attend) travelling together. */
  record Sequence(SDVariable hidden, SDVariable mask) {}
}
