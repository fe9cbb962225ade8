package slash.core.smoke;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slash.core.io.AtomicFiles;
import slash.core.io.Json;

/**
 * Writes small but complete tokenizer.json files: a BERT-style WordPiece (the smoke encoder's) and a
 * RoBERTa-style byte-level BPE, in the exact schema of the Hugging Face tokenizers library.
 */
public final class SmokeTokenizers {
  public static final List<String> BERT_SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]",
      "[MASK]");
  public static final List<String> ROBERTA_SPECIALS = List.of("<s>", "<pad>", "</s>", "<unk>",
      "<mask>");

  private SmokeTokenizers() {}

  /** WordPiece over {@code words} (lower-cased), specials first: [PAD]=0 ... [MASK]=4. */
  public static void writeWordPiece(Path file, List<String> words) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String special : BERT_SPECIALS) {
      added.add(addedToken(vocab.size(), special, false));
      vocab.put(special, vocab.size());
    }
    for (String word : words) {
      vocab.putIfAbsent(word, vocab.size());
    }
    ObjectNode normalizer = root.putObject("normalizer");
    normalizer.put("type", "BertNormalizer").put("clean_text", true)
        .put("handle_chinese_chars", true).putNull("strip_accents");
    normalizer.put("lowercase", true);
    root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
    ObjectNode post = root.putObject("post_processor");
    post.put("type", "TemplateProcessing");
    ArrayNode single = post.putArray("single");
    single.add(special("[CLS]", 0)).add(sequence("A", 0)).add(special("[SEP]", 0));
    ArrayNode pair = post.putArray("pair");
    pair.add(special("[CLS]", 0)).add(sequence("A", 0)).add(special("[SEP]", 0))
        .add(sequence("B", 1)).add(special("[SEP]", 1));
    ObjectNode specials = post.putObject("special_tokens");
    for (String token : List.of("[CLS]", "[SEP]")) {
      ObjectNode s = specials.putObject(token);
      s.put("id", token);
      s.putArray("ids").add(vocab.get(token));
      s.putArray("tokens").add(token);
    }
    root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "WordPiece").put("unk_token", "[UNK]")
        .put("continuing_subword_prefix", "##").put("max_input_chars_per_word", 100);
    ObjectNode vocabNode = model.putObject("vocab");
    vocab.forEach(vocabNode::put);
    AtomicFiles.writeString(file, Json.write(root));
  }

  /**
   * Byte-level BPE (RoBERTa's scheme): the 256 byte symbols plus the given merges, specials
   * {@code <s>=0 <pad>=1 </s>=2 <unk>=3 <mask>=4}, RobertaProcessing templates.
   */
  public static void writeByteLevelBpe(Path file, List<String[]> merges) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String special : ROBERTA_SPECIALS) {
      added.add(addedToken(vocab.size(), special, special.equals("<mask>")));
      vocab.put(special, vocab.size());
    }
    for (String symbol : byteSymbols()) {
      vocab.putIfAbsent(symbol, vocab.size());
    }
    ArrayNode mergeNodes = Json.mapper().createArrayNode();
    for (String[] merge : merges) {
      vocab.putIfAbsent(merge[0] + merge[1], vocab.size());
      mergeNodes.add(merge[0] + " " + merge[1]);
    }
    root.putNull("normalizer");
    root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
        .put("trim_offsets", true).put("use_regex", true);
    ObjectNode post = root.putObject("post_processor");
    post.put("type", "RobertaProcessing");
    post.putArray("sep").add("</s>").add(2);
    post.putArray("cls").add("<s>").add(0);
    post.put("trim_offsets", true).put("add_prefix_space", false);
    root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true)
        .put("trim_offsets", true).put("use_regex", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE").putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false).put("byte_fallback", false);
    ObjectNode vocabNode = model.putObject("vocab");
    vocab.forEach(vocabNode::put);
    model.set("merges", mergeNodes);
    AtomicFiles.writeString(file, Json.write(root));
  }

  /** GPT-2's byte-to-unicode table: printable bytes map to themselves, the rest above 255. */
  public static List<String> byteSymbols() {
    List<String> symbols = new ArrayList<>(256);
    int shifted = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC)
          || (b >= 0xAE && b <= 0xFF);
      symbols.add(new String(Character.toChars(printable ? b : 256 + shifted++)));
    }
    return symbols;
  }

  private static ObjectNode addedToken(int id, String content, boolean lstrip) {
    ObjectNode token = Json.mapper().createObjectNode();
    token.put("id", id).put("content", content).put("single_word", false).put("lstrip", lstrip)
        .put("rstrip", false).put("normalized", false).put("special", true);
    return token;
  }

  private static ObjectNode special(String id, int typeId) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.putObject("SpecialToken").put("id", id).put("type_id", typeId);
    return node;
  }

  private static ObjectNode sequence(String id, int typeId) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.putObject("Sequence").put("id", id).put("type_id", typeId);
    return node;
  }
}
