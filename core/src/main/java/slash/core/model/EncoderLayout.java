package slash.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a BERT/RoBERTa encoder with Hugging Face's names and shapes (Linear weights are
 * [out, in]). Both engines build from this list, so checkpoints and weights load by name anywhere.
 */
public final class EncoderLayout {
  private EncoderLayout() {}

  public static String layer(int l) {
    return "encoder.layer." + l + ".";
  }

  public static Map<String, long[]> shapes(EncoderConfig c) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    long h = c.hidden();
    shapes.put("embeddings.word_embeddings.weight", new long[] {c.vocabSize(), h});
    shapes.put("embeddings.position_embeddings.weight", new long[] {c.maxPositions(), h});
    shapes.put("embeddings.token_type_embeddings.weight", new long[] {c.typeVocabSize(), h});
    shapes.put("embeddings.LayerNorm.weight", new long[] {h});
    shapes.put("embeddings.LayerNorm.bias", new long[] {h});
    for (int l = 0; l < c.layers(); l++) {
      String p = layer(l);
      for (String projection : new String[] {"query", "key", "value"}) {
        shapes.put(p + "attention.self." + projection + ".weight", new long[] {h, h});
        shapes.put(p + "attention.self." + projection + ".bias", new long[] {h});
      }
      shapes.put(p + "attention.output.dense.weight", new long[] {h, h});
      shapes.put(p + "attention.output.dense.bias", new long[] {h});
      shapes.put(p + "attention.output.LayerNorm.weight", new long[] {h});
      shapes.put(p + "attention.output.LayerNorm.bias", new long[] {h});
      shapes.put(p + "intermediate.dense.weight", new long[] {c.intermediate(), h});
      shapes.put(p + "intermediate.dense.bias", new long[] {c.intermediate()});
      shapes.put(p + "output.dense.weight", new long[] {h, c.intermediate()});
      shapes.put(p + "output.dense.bias", new long[] {h});
      shapes.put(p + "output.LayerNorm.weight", new long[] {h});
      shapes.put(p + "output.LayerNorm.bias", new long[] {h});
    }
    return shapes;
  }

  /** Total encoder parameter count, from the config alone. */
  public static long parameterCount(EncoderConfig c) {
    long total = 0;
    for (long[] shape : shapes(c).values()) {
      long n = 1;
      for (long dim : shape) {
        n *= dim;
      }
      total += n;
    }
    return total;
  }
}
