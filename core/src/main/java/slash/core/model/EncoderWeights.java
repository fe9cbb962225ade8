package slash.core.model;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import slash.core.io.FloatTensor;
import slash.core.io.OnnxWeights;
import slash.core.io.SafeTensors;

/**
 * A pretrained (or seeded random) encoder: its config, its weights under Hugging Face names, and the
 * tokenizer.json that goes with it. Loading checks every expected name and shape and fails with the
 * full list of what is missing or wrong.
 */
public record EncoderWeights(EncoderConfig config, Map<String, FloatTensor> tensors,
    Path tokenizer, String source) {

  /** Prefixes of task-model checkpoints (BertForMaskedLM, RobertaModel, ...). */
  private static final List<String> PREFIXES = List.of("bert.", "roberta.", "model.");
  /** Weights we never use: pooler, LM/NSP heads, position-id buffers. */
  private static final List<String> UNUSED = List.of("pooler.", "lm_head.", "cls.",
      "embeddings.position_ids");

  public FloatTensor get(String name) {
    FloatTensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException(source + ": no weight named " + name);
    }
    return tensor;
  }

  /**
   * These weights with every encoder tensor that {@code state} also names replaced by the state's
   * (finetuned weights from a checkpoint); the state's other tensors are ignored.
   */
  public EncoderWeights updatedFrom(Map<String, FloatTensor> state, String note) {
    Map<String, FloatTensor> merged = new LinkedHashMap<>(tensors);
    boolean changed = false;
    for (Map.Entry<String, FloatTensor> entry : state.entrySet()) {
      if (merged.containsKey(entry.getKey())) {
        merged.put(entry.getKey(), FloatTensor.require(state, entry.getKey(),
            merged.get(entry.getKey()).shape()));
        changed = true;
      }
    }
    return changed ? new EncoderWeights(config, merged, tokenizer, source + " + " + note) : this;
  }

  /** A Hugging Face folder: config.json, tokenizer.json and model.safetensors. */
  public static EncoderWeights fromHuggingFace(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("model folder not found: " + folder);
    }
    Path tokenizer = folder.resolve("tokenizer.json");
    Path weights = folder.resolve("model.safetensors");
    for (Path required : List.of(folder.resolve("config.json"), tokenizer, weights)) {
      if (!Files.isRegularFile(required)) {
        throw new IllegalArgumentException("model folder " + folder + " has no "
            + required.getFileName() + " (need config.json, tokenizer.json, model.safetensors)");
      }
    }
    EncoderConfig config = EncoderConfig.read(folder.resolve("config.json"));
    return checked(config, SafeTensors.read(weights).tensors(), tokenizer, weights.toString());
  }

  /** An ONNX export of a BERT encoder, with the config it was exported from. */
  public static EncoderWeights fromOnnx(EncoderConfig config, InputStream onnx, Path tokenizer,
      String source) {
    return checked(config, OnnxWeights.read(onnx), tokenizer, source);
  }

  /** A seeded random encoder: N(0, std) weights, zero biases, unit LayerNorm (BERT uses 0.02). */
  public static EncoderWeights random(EncoderConfig config, long seed, double std,
      Path tokenizer) {
    Random random = new Random(seed);
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    EncoderLayout.shapes(config).forEach((name, shape) -> {
      int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      float[] data = new float[size];
      if (name.endsWith("LayerNorm.weight")) {
        Arrays.fill(data, 1f);
      } else if (!name.endsWith(".bias")) {
        for (int i = 0; i < size; i++) {
          data[i] = (float) (random.nextGaussian() * std);
        }
      }
      tensors.put(name, new FloatTensor(shape, data));
    });
    return new EncoderWeights(config, tensors, tokenizer, "random(seed=" + seed + ")");
  }

  static EncoderWeights checked(EncoderConfig config, Map<String, FloatTensor> raw, Path tokenizer,
      String source) {
    Map<String, FloatTensor> byName = new LinkedHashMap<>();
    raw.forEach((name, tensor) -> byName.put(stripPrefix(name), tensor));
    Map<String, long[]> expected = EncoderLayout.shapes(config);
    List<String> missing = new ArrayList<>();
    List<String> wrongShape = new ArrayList<>();
    Map<String, FloatTensor> kept = new LinkedHashMap<>();
    expected.forEach((name, shape) -> {
      FloatTensor tensor = byName.get(name);
      if (tensor == null) {
        missing.add(name);
      } else if (!Arrays.equals(tensor.shape(), shape)) {
        wrongShape.add(name + " " + tensor.shapeString() + " (expected " + Arrays.toString(shape)
            + ")");
      } else {
        kept.put(name, tensor);
      }
    });
    List<String> unexpected = byName.keySet().stream()
        .filter(name -> !expected.containsKey(name))
        .filter(name -> UNUSED.stream().noneMatch(name::startsWith))
        .toList();
    if (!missing.isEmpty() || !wrongShape.isEmpty() || !unexpected.isEmpty()) {
      throw new IllegalArgumentException(source + " does not match a " + config.modelType()
          + " encoder (hidden " + config.hidden() + ", " + config.layers() + " layers):"
          + (missing.isEmpty() ? "" : "\n  missing: " + missing)
          + (wrongShape.isEmpty() ? "" : "\n  wrong shape: " + wrongShape)
          + (unexpected.isEmpty() ? "" : "\n  unexpected: " + unexpected));
    }
    return new EncoderWeights(config, kept, tokenizer, source);
  }

  private static String stripPrefix(String name) {
    for (String prefix : PREFIXES) {
      if (name.startsWith(prefix)) {
        return name.substring(prefix.length());
      }
    }
    return name;
  }

}
