package slash.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import slash.core.io.Json;

/**
 * The shape of a BERT-family encoder, as Hugging Face's config.json gives it. RoBERTa differs from
 * BERT in position ids (they start at padding_idx + 1) and a one-row token-type table.
 */
public record EncoderConfig(String modelType, int vocabSize, int hidden, int layers, int heads,
    int intermediate, int maxPositions, int typeVocabSize, double layerNormEps, int padTokenId,
    double hiddenDropout, double attentionDropout) {

  public EncoderConfig {
    check(hidden > 0 && layers > 0 && heads > 0 && intermediate > 0 && vocabSize > 0
        && maxPositions > 0, "sizes must be positive");
    check(hidden % heads == 0, "hidden size " + hidden + " is not divisible by " + heads
        + " heads");
    check(modelType.equals("bert") || modelType.equals("roberta"), "model_type '" + modelType
        + "' is not supported (bert, roberta)");
  }

  public boolean isRoberta() {
    return modelType.equals("roberta");
  }

  public int headSize() {
    return hidden / heads;
  }

  /** First position id: 0 for BERT, padding_idx + 1 for RoBERTa. */
  public int positionOffset() {
    return isRoberta() ? padTokenId + 1 : 0;
  }

  /** The longest input this encoder can take. */
  public int maxSequenceLength() {
    return maxPositions - positionOffset();
  }

  public static EncoderConfig read(Path configJson) {
    if (!Files.isRegularFile(configJson)) {
      throw new IllegalArgumentException("model config not found: " + configJson);
    }
    try {
      JsonNode c = Json.mapper().readTree(configJson.toFile());
      String act = c.path("hidden_act").asText("gelu");
      if (!act.equals("gelu")) {
        throw new IllegalArgumentException(configJson + ": hidden_act '" + act
            + "' is not supported (exact erf gelu only)");
      }
      return new EncoderConfig(c.path("model_type").asText("bert"),
          required(c, "vocab_size", configJson), required(c, "hidden_size", configJson),
          required(c, "num_hidden_layers", configJson),
          required(c, "num_attention_heads", configJson),
          required(c, "intermediate_size", configJson),
          required(c, "max_position_embeddings", configJson),
          c.path("type_vocab_size").asInt(2), c.path("layer_norm_eps").asDouble(1e-12),
          c.path("pad_token_id").asInt(0), c.path("hidden_dropout_prob").asDouble(0.1),
          c.path("attention_probs_dropout_prob").asDouble(0.1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + configJson, e);
    }
  }

  private static int required(JsonNode config, String field, Path file) {
    if (!config.has(field)) {
      throw new IllegalArgumentException(file + ": missing field '" + field + "'");
    }
    return config.get(field).asInt();
  }

  /** The smoke-scale encoder: 2 layers, hidden 32 (DESIGN.md). */
  public static EncoderConfig smoke(int vocabSize) {
    return new EncoderConfig("bert", vocabSize, 32, 2, 4, 64, 128, 2, 1e-12, 0, 0.1, 0.1);
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("encoder config: " + problem);
    }
  }
}
