package slash.core.method;

import java.util.SplittableRandom;
import slash.core.model.EncoderConfig;

/**
 * Inverted-dropout masks (0, or 1 / (1 - p) with probability 1 - p) drawn from (seed, step,
 * site): the same masks on every engine, so training with dropout stays comparable across
 * engines, and repeatable for a seed. Sites are numbered by the encoder (embeddings, then per
 * block: attention probabilities, attention output, feed-forward output).
 */
public final class DropoutMasks {
  /** The embeddings output's site. */
  public static final int EMBEDDINGS = 0;

  private final long seed;
  private final double hiddenP;
  private final double attentionP;

  public DropoutMasks(long seed, double hiddenP, double attentionP) {
    check(hiddenP, "hidden_dropout_prob");
    check(attentionP, "attention_probs_dropout_prob");
    this.seed = seed;
    this.hiddenP = hiddenP;
    this.attentionP = attentionP;
  }

  /**
   * Site of block {@code layer}'s {@code kind}: 0 attention probabilities, 1 attention output,
   * 2 feed-forward output.
   */
  public static int site(int layer, int kind) {
    return 1 + 3 * layer + kind;
  }

  /** Whether {@code site} is one of the attention probabilities ([B, heads, T, T]). */
  public static boolean isAttention(int site) {
    return site > 0 && (site - 1) % 3 == 0;
  }

  /** Number of sites of an encoder with {@code layers} blocks. */
  public static int sites(int layers) {
    return 1 + 3 * layers;
  }

  /** The mask of {@code size} values for one site of one training step. */
  public float[] mask(long step, int site, int size) {
    double p = isAttention(site) ? attentionP : hiddenP;
    float keep = (float) (1 / (1 - p));
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L
        ^ step * 0xBF58476D1CE4E5B9L ^ site * 0x94D049BB133111EBL);
    float[] mask = new float[size];
    for (int i = 0; i < size; i++) {
      mask[i] = random.nextDouble() < p ? 0f : keep;
    }
    return mask;
  }

  /**
   * The model's dropout for a training run of {@code method}: the encoder config's probabilities
   * where the method keeps them (full finetuning), else null: no dropout.
   */
  public static DropoutMasks whileTraining(MethodConfig method, EncoderConfig encoder,
      long seed) {
    if (!method.keepsModelDropout()) {
      return null;
    }
    DropoutMasks masks = new DropoutMasks(seed, encoder.hiddenDropout(),
        encoder.attentionDropout());
    return masks.active() ? masks : null;
  }

  public boolean active() {
    return hiddenP > 0 || attentionP > 0;
  }

  private static void check(double p, String field) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1), was " + p);
    }
  }
}
