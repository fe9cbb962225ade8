package slash.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import slash.core.data.Split;
import slash.core.data.Task;
import slash.core.data.TaskFiles;

/**
 * What a run trains on: a task's files at a scale, on an engine, with an encoder.
 *
 * @param model a Hugging Face folder (full scale); ignored at smoke (random encoder) and mini
 *     (MiniLM from Maven Central) unless given
 * @param dataDir the folder holding the task's files
 * @param limits caps on the examples read (never null: {@link ExampleLimits#NONE})
 */
public record RunTarget(Task task, Scale scale, EngineName engine, String model, String dataDir,
    ExampleLimits limits) {
  public RunTarget {
    limits = limits == null ? ExampleLimits.NONE : limits;
  }

  /** Checks that the task's train and dev files exist, and the model folder at full scale. */
  public RunTarget validate() {
    ConfigException.require(task != null, "task", "is missing");
    ConfigException.require(scale != null, "scale", "is missing");
    limits.validate();
    ConfigException.require(dataDir != null, "dataDir", "is missing");
    for (Split split : new Split[] {Split.TRAIN, Split.DEV}) {
      Path file = TaskFiles.path(Path.of(dataDir), task, split);
      ConfigException.require(Files.isRegularFile(file), "dataDir", "has no "
          + split.name().toLowerCase() + " file for " + task.dirName() + ": " + file
          + " does not exist");
    }
    if (model != null && scale == Scale.FULL) {
      ConfigException.require(Files.isDirectory(Path.of(model)), "model",
          "folder not found: " + model);
    }
    ConfigException.require(scale != Scale.FULL || model != null, "model",
        "is required at full scale (a Hugging Face folder)");
    return this;
  }
}
