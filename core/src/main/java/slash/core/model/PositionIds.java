package slash.core.model;

import slash.core.text.EncodedBatch;

/** Position ids as Hugging Face computes them, for every engine. */
public final class PositionIds {
  private PositionIds() {}

  /** BERT counts positions from 0; RoBERTa from padding_idx + 1, with pads at padding_idx. */
  public static long[] of(EncoderConfig config, EncodedBatch batch) {
    if (batch.length() > config.maxSequenceLength()) {
      throw new IllegalArgumentException("batch length " + batch.length()
          + " exceeds the encoder's " + config.maxSequenceLength() + " positions");
    }
    long[] positions = new long[batch.size() * batch.length()];
    int offset = config.positionOffset();
    for (int i = 0; i < batch.size(); i++) {
      for (int t = 0; t < batch.length(); t++) {
        int at = i * batch.length() + t;
        boolean real = batch.attentionMask()[at] == 1;
        positions[at] = config.isRoberta() && !real ? config.padTokenId() : offset + t;
      }
    }
    return positions;
  }
}
