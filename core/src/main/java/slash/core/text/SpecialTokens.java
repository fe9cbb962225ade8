package slash.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The special tokens our layouts need, read from tokenizer.json's {@code added_tokens}. */
record SpecialTokens(String maskToken, long maskId, long padId) {
  private static final List<String> MASKS = List.of("[MASK]", "<mask>");
  private static final List<String> PADS = List.of("[PAD]", "<pad>");

  static SpecialTokens read(Path tokenizerJson) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(tokenizerJson.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer file " + tokenizerJson, e);
    }
    String mask = null;
    long maskId = -1;
    long padId = -1;
    for (JsonNode added : root.path("added_tokens")) {
      String content = added.path("content").asText();
      if (MASKS.contains(content)) {
        mask = content;
        maskId = added.path("id").asLong();
      } else if (PADS.contains(content)) {
        padId = added.path("id").asLong();
      }
    }
    if (mask == null || padId < 0) {
      throw new IllegalArgumentException(tokenizerJson + ": added_tokens must contain a mask token "
          + MASKS + " and a pad token " + PADS);
    }
    return new SpecialTokens(mask, maskId, padId);
  }
}
