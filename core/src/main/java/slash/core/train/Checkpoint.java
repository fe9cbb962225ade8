package slash.core.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.io.FloatTensor;
import slash.core.io.Json;
import slash.core.io.SafeTensors;

/**
 * A trained task model: only the trainable tensors (z and head for SLaSh: a few KB) as safetensors,
 * with the run config in the metadata so any engine can rebuild the model around them. Training
 * state (epoch, step, optimizer moments) rides along for resuming.
 */
public record Checkpoint(RunConfig config, Map<String, FloatTensor> tensors, int epoch) {
  static final String CONFIG_KEY = "slash.config";
  static final String EPOCH_KEY = "slash.epoch";

  /** What to do about a damaged checkpoint outside a run folder. */
  static final String RETRAIN = "it cannot be repaired: train the run again (delete its run "
      + "folder first)";

  public void write(Path file) {
    SafeTensors.write(file, tensors, metadata());
  }

  /** The bytes {@link #write} writes. */
  public byte[] encode() {
    return SafeTensors.encode(tensors, metadata());
  }

  private Map<String, String> metadata() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(CONFIG_KEY, Json.bytesAsString(config));
    metadata.put(EPOCH_KEY, Integer.toString(epoch));
    return metadata;
  }

  public static Checkpoint read(Path file) {
    return read(file, RETRAIN);
  }

  /** A checkpoint; a damaged file is one error naming it, what is wrong and {@code remedy}. */
  public static Checkpoint read(Path file, String remedy) {
    SafeTensors.Contents contents = SafeTensors.read(file, remedy);
    Header header = header(file, contents.metadata(), remedy);
    return new Checkpoint(header.config(), contents.tensors(), header.epoch());
  }

  /** A checkpoint's config and epoch, from its header only (its size checked, not its data). */
  public record Header(RunConfig config, int epoch) {}

  public static Header readHeader(Path file, String remedy) {
    return header(file, SafeTensors.readMetadata(file, remedy), remedy);
  }

  private static Header header(Path file, Map<String, String> metadata, String remedy) {
    String config = metadata.get(CONFIG_KEY);
    if (config == null) {
      throw new IllegalArgumentException(file + " is not a slash-repro checkpoint (no "
          + CONFIG_KEY + " metadata)");
    }
    try {
      return new Header(RunConfig.fromJson(config),
          Integer.parseInt(metadata.getOrDefault(EPOCH_KEY, "0")));
    } catch (IllegalArgumentException e) { // a bad number is one too
      throw new IllegalArgumentException(file + ": its " + CONFIG_KEY + " metadata cannot be "
          + "read (" + e.getMessage() + "); " + remedy, e);
    }
  }

  public FloatTensor get(String name, long... expectedShape) {
    FloatTensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException("checkpoint has no tensor '" + name + "'; it has "
          + tensors.keySet());
    }
    if (!java.util.Arrays.equals(tensor.shape(), expectedShape)) {
      throw new IllegalArgumentException("checkpoint tensor '" + name + "' has shape "
          + tensor.shapeString() + " but the model needs " + java.util.Arrays.toString(
          expectedShape));
    }
    return tensor;
  }
}
