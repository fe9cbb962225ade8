package slash.core.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Files;
import java.nio.file.Path;
import slash.core.data.Split;
import slash.core.data.Task;
import slash.core.data.TaskFiles;
import slash.core.io.Json;
import slash.core.method.MethodConfig;
import slash.core.text.Representation;

/**
 * Everything one training run needs. Reads and writes JSON; {@link #validate} names the field that
 * is wrong.
 *
 * @param model a Hugging Face folder (full scale); ignored at smoke (random encoder) and mini
 *     (MiniLM from Maven Central) unless given
 * @param maxTrainExamples optional cap on training examples (the first N of the file)
 * @param maxEvalExamples optional cap on evaluation examples
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunConfig(Task task, Scale scale, EngineName engine, String model, String dataDir,
    MethodConfig method, Representation representation, double learningRate, int epochs,
    int batchSize, double warmupRatio, double maxGradNorm, int maxLength, long seed,
    Integer maxTrainExamples, Integer maxEvalExamples, PrivacyConfig privacy,
    Boolean groupByLength) {

  /** A non-private run (the constructor before private training existed). */
  public RunConfig(Task task, Scale scale, EngineName engine, String model, String dataDir,
      MethodConfig method, Representation representation, double learningRate, int epochs,
      int batchSize, double warmupRatio, double maxGradNorm, int maxLength, long seed,
      Integer maxTrainExamples, Integer maxEvalExamples) {
    this(task, scale, engine, model, dataDir, method, representation, learningRate, epochs,
        batchSize, warmupRatio, maxGradNorm, maxLength, seed, maxTrainExamples, maxEvalExamples,
        null);
  }

  /** A run with seeded shuffled batches (the constructor before length grouping existed). */
  public RunConfig(Task task, Scale scale, EngineName engine, String model, String dataDir,
      MethodConfig method, Representation representation, double learningRate, int epochs,
      int batchSize, double warmupRatio, double maxGradNorm, int maxLength, long seed,
      Integer maxTrainExamples, Integer maxEvalExamples, PrivacyConfig privacy) {
    this(task, scale, engine, model, dataDir, method, representation, learningRate, epochs,
        batchSize, warmupRatio, maxGradNorm, maxLength, seed, maxTrainExamples, maxEvalExamples,
        privacy, null);
  }

  /** This run trained with DP-SGD ({@code null}: not private). */
  public RunConfig withPrivacy(PrivacyConfig newPrivacy) {
    return new RunConfig(task, scale, engine, model, dataDir, method, representation,
        learningRate, epochs, batchSize, warmupRatio, maxGradNorm, maxLength, seed,
        maxTrainExamples, maxEvalExamples, newPrivacy, groupByLength);
  }

  /** The gradient-norm clip: the per-example clipping norm C of a private run. */
  public RunConfig withMaxGradNorm(double newMaxGradNorm) {
    return new RunConfig(task, scale, engine, model, dataDir, method, representation,
        learningRate, epochs, batchSize, warmupRatio, newMaxGradNorm, maxLength, seed,
        maxTrainExamples, maxEvalExamples, privacy, groupByLength);
  }

  /**
   * Batches of similar length (Hugging Face's {@code group_by_length}): less padding, the same
   * examples per epoch. Null or false: a plain seeded shuffle, as the released code trains.
   */
  public RunConfig withGroupByLength(boolean group) {
    return new RunConfig(task, scale, engine, model, dataDir, method, representation,
        learningRate, epochs, batchSize, warmupRatio, maxGradNorm, maxLength, seed,
        maxTrainExamples, maxEvalExamples, privacy, group ? Boolean.TRUE : null);
  }

  @JsonIgnore
  public boolean groupsByLength() {
    return Boolean.TRUE.equals(groupByLength);
  }

  @JsonIgnore
  public boolean isPrivate() {
    return privacy != null;
  }

  /** The paper's sequence-classification defaults (Appendix C): batch 8, warmup 0.06, clip 1.0. */
  public static RunConfig defaults(Task task, Scale scale, MethodConfig method) {
    boolean ner = task == Task.CONLL2003;
    return new RunConfig(task, scale, EngineName.DJL, null, null, method, Representation.MASK,
        1e-3, ner ? 5 : 10, ner ? 32 : 8, ner ? 0.1 : 0.06, 1.0, 128, 0L, null, null);
  }

  public RunConfig withDataDir(Path dir) {
    return new RunConfig(task, scale, engine, model, dir.toString(), method, representation,
        learningRate, epochs, batchSize, warmupRatio, maxGradNorm, maxLength, seed,
        maxTrainExamples, maxEvalExamples, privacy, groupByLength);
  }

  public RunConfig withModel(String newModel) {
    return new RunConfig(task, scale, engine, newModel, dataDir, method, representation,
        learningRate, epochs, batchSize, warmupRatio, maxGradNorm, maxLength, seed,
        maxTrainExamples, maxEvalExamples, privacy, groupByLength);
  }

  public RunConfig withMethod(MethodConfig newMethod) {
    return new RunConfig(task, scale, engine, model, dataDir, newMethod, representation,
        learningRate, epochs, batchSize, warmupRatio, maxGradNorm, maxLength, seed,
        maxTrainExamples, maxEvalExamples, privacy, groupByLength);
  }

  public RunConfig withTraining(double lr, int newEpochs, int newBatchSize) {
    return new RunConfig(task, scale, engine, model, dataDir, method, representation, lr,
        newEpochs, newBatchSize, warmupRatio, maxGradNorm, maxLength, seed, maxTrainExamples,
        maxEvalExamples, privacy, groupByLength);
  }

  public RunConfig withSeed(long newSeed) {
    return new RunConfig(task, scale, engine, model, dataDir, method, representation,
        learningRate, epochs, batchSize, warmupRatio, maxGradNorm, maxLength, newSeed,
        maxTrainExamples, maxEvalExamples, privacy, groupByLength);
  }

  public RunConfig withRepresentation(Representation newRepresentation) {
    return new RunConfig(task, scale, engine, model, dataDir, method, newRepresentation,
        learningRate, epochs, batchSize, warmupRatio, maxGradNorm, maxLength, seed,
        maxTrainExamples, maxEvalExamples, privacy, groupByLength);
  }

  public RunConfig withEngine(EngineName newEngine) {
    return new RunConfig(task, scale, newEngine, model, dataDir, method, representation,
        learningRate, epochs, batchSize, warmupRatio, maxGradNorm, maxLength, seed,
        maxTrainExamples, maxEvalExamples, privacy, groupByLength);
  }

  public RunConfig withLimits(Integer train, Integer eval) {
    return new RunConfig(task, scale, engine, model, dataDir, method, representation,
        learningRate, epochs, batchSize, warmupRatio, maxGradNorm, maxLength, seed, train, eval,
        privacy, groupByLength);
  }

  public RunConfig withMaxLength(int newMaxLength) {
    return new RunConfig(task, scale, engine, model, dataDir, method, representation,
        learningRate, epochs, batchSize, warmupRatio, maxGradNorm, newMaxLength, seed,
        maxTrainExamples, maxEvalExamples, privacy, groupByLength);
  }

  /**
   * The method as this run uses it: seeds the method leaves to the run (SLaSh's and JR-WARP's
   * projection seed when unset) resolved against {@link #seed}. The JSON keeps the method as
   * given, so an unset projection seed stays "follows the run seed".
   */
  @JsonIgnore
  public MethodConfig resolvedMethod() {
    return method == null ? null : method.forRunSeed(seed);
  }

  @JsonIgnore
  public Path dataPath() {
    return dataDir == null ? null : Path.of(dataDir);
  }

  /** Checks the numbers and that the task's files exist; sizes are checked by the method later. */
  public RunConfig validate() {
    require(task != null, "task", "is missing");
    require(scale != null, "scale", "is missing");
    require(method != null, "method", "is missing");
    require(learningRate > 0 && Double.isFinite(learningRate), "learningRate",
        "must be a positive number, was " + learningRate);
    require(epochs > 0, "epochs", "must be positive, was " + epochs);
    require(batchSize > 0, "batchSize", "must be positive, was " + batchSize);
    require(warmupRatio >= 0 && warmupRatio < 1, "warmupRatio", "must be in [0, 1), was "
        + warmupRatio);
    require(maxGradNorm >= 0, "maxGradNorm", "must be >= 0 (0 disables clipping), was "
        + maxGradNorm);
    require(maxLength >= 8, "maxLength", "must be at least 8, was " + maxLength);
    require(maxTrainExamples == null || maxTrainExamples > 0, "maxTrainExamples",
        "must be positive when given");
    require(maxEvalExamples == null || maxEvalExamples > 0, "maxEvalExamples",
        "must be positive when given");
    if (privacy != null) {
      privacy.validate();
      require(maxGradNorm > 0, "maxGradNorm", "is the per-example clipping norm C of a private "
          + "run and must be positive, was " + maxGradNorm);
      require(task.kind() != slash.core.data.TaskKind.TOKEN_CLASSIFICATION, "privacy",
          "covers sequence tasks (as the paper's Table 6), not " + task.dirName());
    }
    require(dataDir != null, "dataDir", "is missing");
    for (Split split : new Split[] {Split.TRAIN, Split.DEV}) {
      Path file = TaskFiles.path(dataPath(), task, split);
      require(Files.isRegularFile(file), "dataDir", "has no " + split.name().toLowerCase()
          + " file for " + task.dirName() + ": " + file + " does not exist");
    }
    if (model != null && scale == Scale.FULL) {
      require(Files.isDirectory(Path.of(model)), "model", "folder not found: " + model);
    }
    require(scale != Scale.FULL || model != null, "model",
        "is required at full scale (a Hugging Face folder)");
    return this;
  }

  private static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new ConfigException(field, problem);
    }
  }

  public String toJson() {
    return Json.write(this);
  }

  public static RunConfig fromJson(String json) {
    return Json.read(json, RunConfig.class);
  }
}
