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

  public void write(Path file) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(CONFIG_KEY, Json.bytesAsString(config));
    metadata.put(EPOCH_KEY, Integer.toString(epoch));
    SafeTensors.write(file, tensors, metadata);
  }

  public static Checkpoint read(Path file) {
    SafeTensors.Contents contents = SafeTensors.read(file);
    String config = contents.metadata().get(CONFIG_KEY);
    if (config == null) {
      throw new IllegalArgumentException(file + " is not a slash-repro checkpoint (no "
          + CONFIG_KEY + " metadata)");
    }
    return new Checkpoint(RunConfig.fromJson(config), contents.tensors(),
        Integer.parseInt(contents.metadata().getOrDefault(EPOCH_KEY, "0")));
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
