package slash.core.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.nio.file.Path;
import java.util.Objects;
import slash.core.data.Task;
import slash.core.data.TaskKind;
import slash.core.io.Json;
import slash.core.method.MethodConfig;
import slash.core.text.Representation;

/**
 * Everything one training run needs: what it trains on ({@link RunTarget}) and how ({@link
 * TrainingRecipe}). Built by name through {@link Builder} ({@link #defaults}, {@link #toBuilder},
 * the {@code with} methods). {@link #validate} names the field that is wrong.
 *
 * <p>The JSON is flat, one field per setting in the order below, nulls left out: a run's key is a
 * hash of it, so it must stay byte for byte what earlier versions wrote. The flat accessors write
 * it and {@link Builder} reads it (Jackson 2.17 cannot read {@code @JsonUnwrapped} record
 * components back), so the nested records never appear in it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"task", "scale", "engine", "model", "dataDir", "method", "representation",
    "learningRate", "epochs", "batchSize", "warmupRatio", "maxGradNorm", "maxLength", "seed",
    "maxTrainExamples", "maxEvalExamples", "privacy", "groupByLength"})
@JsonDeserialize(builder = RunConfig.Builder.class)
public record RunConfig(@JsonIgnore RunTarget target, @JsonIgnore TrainingRecipe recipe) {
  public RunConfig {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(recipe, "recipe");
  }

  /** The paper's sequence-classification defaults (Appendix C): batch 8, warmup 0.06, clip 1.0. */
  public static RunConfig defaults(Task task, Scale scale, MethodConfig method) {
    boolean ner = task == Task.CONLL2003;
    return builder().task(task).scale(scale).engine(EngineName.DJL).method(method)
        .representation(Representation.MASK).learningRate(1e-3).epochs(ner ? 5 : 10)
        .batchSize(ner ? 32 : 8).warmupRatio(ner ? 0.1 : 0.06).maxGradNorm(1.0).maxLength(128)
        .seed(0L).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every setting of this run. */
  public Builder toBuilder() {
    return builder().task(task()).scale(scale()).engine(engine()).model(model())
        .dataDir(dataDir()).method(method()).representation(representation())
        .learningRate(learningRate()).epochs(epochs()).batchSize(batchSize())
        .warmupRatio(warmupRatio()).maxGradNorm(maxGradNorm()).maxLength(maxLength())
        .seed(seed()).maxTrainExamples(maxTrainExamples()).maxEvalExamples(maxEvalExamples())
        .privacy(privacy()).groupByLength(groupByLength());
  }

  // The flat settings, as the JSON names them.

  @JsonProperty
  public Task task() {
    return target.task();
  }

  @JsonProperty
  public Scale scale() {
    return target.scale();
  }

  @JsonProperty
  public EngineName engine() {
    return target.engine();
  }

  /** A Hugging Face folder (full scale); ignored at smoke and mini unless given. */
  @JsonProperty
  public String model() {
    return target.model();
  }

  @JsonProperty
  public String dataDir() {
    return target.dataDir();
  }

  @JsonProperty
  public MethodConfig method() {
    return recipe.method();
  }

  @JsonProperty
  public Representation representation() {
    return recipe.representation();
  }

  @JsonProperty
  public double learningRate() {
    return recipe.optimization().learningRate();
  }

  @JsonProperty
  public int epochs() {
    return recipe.optimization().epochs();
  }

  @JsonProperty
  public int batchSize() {
    return recipe.batching().batchSize();
  }

  @JsonProperty
  public double warmupRatio() {
    return recipe.optimization().warmupRatio();
  }

  @JsonProperty
  public double maxGradNorm() {
    return recipe.optimization().maxGradNorm();
  }

  @JsonProperty
  public int maxLength() {
    return recipe.batching().maxLength();
  }

  @JsonProperty
  public long seed() {
    return recipe.seed();
  }

  /** Optional cap on training examples (the first N of the file). */
  @JsonProperty
  public Integer maxTrainExamples() {
    return target.limits().train();
  }

  /** Optional cap on evaluation examples. */
  @JsonProperty
  public Integer maxEvalExamples() {
    return target.limits().eval();
  }

  @JsonProperty
  public PrivacyConfig privacy() {
    return recipe.privacy();
  }

  @JsonProperty
  public Boolean groupByLength() {
    return recipe.batching().groupByLength();
  }

  // Copies with one setting changed.

  /** This run trained with DP-SGD ({@code null}: not private). */
  public RunConfig withPrivacy(PrivacyConfig newPrivacy) {
    return toBuilder().privacy(newPrivacy).build();
  }

  /** The gradient-norm clip: the per-example clipping norm C of a private run. */
  public RunConfig withMaxGradNorm(double newMaxGradNorm) {
    return toBuilder().maxGradNorm(newMaxGradNorm).build();
  }

  /** Batches of similar length, or (false) a plain seeded shuffle, written as no field at all. */
  public RunConfig withGroupByLength(boolean group) {
    return toBuilder().groupByLength(group ? Boolean.TRUE : null).build();
  }

  public RunConfig withDataDir(Path dir) {
    return toBuilder().dataDir(dir.toString()).build();
  }

  public RunConfig withModel(String newModel) {
    return toBuilder().model(newModel).build();
  }

  public RunConfig withMethod(MethodConfig newMethod) {
    return toBuilder().method(newMethod).build();
  }

  public RunConfig withTraining(double lr, int newEpochs, int newBatchSize) {
    return toBuilder().learningRate(lr).epochs(newEpochs).batchSize(newBatchSize).build();
  }

  public RunConfig withSeed(long newSeed) {
    return toBuilder().seed(newSeed).build();
  }

  public RunConfig withRepresentation(Representation newRepresentation) {
    return toBuilder().representation(newRepresentation).build();
  }

  public RunConfig withEngine(EngineName newEngine) {
    return toBuilder().engine(newEngine).build();
  }

  public RunConfig withLimits(Integer train, Integer eval) {
    return toBuilder().maxTrainExamples(train).maxEvalExamples(eval).build();
  }

  public RunConfig withMaxLength(int newMaxLength) {
    return toBuilder().maxLength(newMaxLength).build();
  }

  @JsonIgnore
  public boolean groupsByLength() {
    return recipe.batching().groupsByLength();
  }

  @JsonIgnore
  public boolean isPrivate() {
    return recipe.privacy() != null;
  }

  /**
   * The method as this run uses it: seeds the method leaves to the run (SLaSh's and JR-WARP's
   * projection seed when unset) resolved against {@link #seed}. The JSON keeps the method as
   * given, so an unset projection seed stays "follows the run seed".
   */
  @JsonIgnore
  public MethodConfig resolvedMethod() {
    return method() == null ? null : method().forRunSeed(seed());
  }

  @JsonIgnore
  public Path dataPath() {
    return dataDir() == null ? null : Path.of(dataDir());
  }

  /**
   * Checks the settings, then that the task's files exist; sizes are checked by the method later.
   * Private training covers sequence tasks only, a rule across both halves.
   */
  public RunConfig validate() {
    recipe.validate();
    target.validate();
    ConfigException.require(!isPrivate() || task().kind() != TaskKind.TOKEN_CLASSIFICATION,
        "privacy", "covers sequence tasks (as the paper's Table 6), not " + task().dirName());
    return this;
  }

  public String toJson() {
    return Json.write(this);
  }

  public static RunConfig fromJson(String json) {
    return Json.read(json, RunConfig.class);
  }

  /**
   * Sets a run's settings by name, then builds its records in one place. Also reads the flat JSON:
   * each setter is named as its JSON field, and values are kept as given (no defaults filled in),
   * so a file reads back to exactly what it says. Unset numbers are 0, which {@link #validate}
   * refuses; start from {@link #defaults} for the paper's values.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private Task task;
    private Scale scale;
    private EngineName engine;
    private String model;
    private String dataDir;
    private MethodConfig method;
    private Representation representation;
    private double learningRate;
    private int epochs;
    private int batchSize;
    private double warmupRatio;
    private double maxGradNorm;
    private int maxLength;
    private long seed;
    private Integer maxTrainExamples;
    private Integer maxEvalExamples;
    private PrivacyConfig privacy;
    private Boolean groupByLength;

    private Builder() {}

    public Builder task(Task value) {
      task = value;
      return this;
    }

    public Builder scale(Scale value) {
      scale = value;
      return this;
    }

    public Builder engine(EngineName value) {
      engine = value;
      return this;
    }

    public Builder model(String value) {
      model = value;
      return this;
    }

    public Builder dataDir(String value) {
      dataDir = value;
      return this;
    }

    public Builder method(MethodConfig value) {
      method = value;
      return this;
    }

    public Builder representation(Representation value) {
      representation = value;
      return this;
    }

    public Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder warmupRatio(double value) {
      warmupRatio = value;
      return this;
    }

    public Builder maxGradNorm(double value) {
      maxGradNorm = value;
      return this;
    }

    public Builder maxLength(int value) {
      maxLength = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder maxTrainExamples(Integer value) {
      maxTrainExamples = value;
      return this;
    }

    public Builder maxEvalExamples(Integer value) {
      maxEvalExamples = value;
      return this;
    }

    public Builder privacy(PrivacyConfig value) {
      privacy = value;
      return this;
    }

    /** Kept as given: an explicit false is written back as false (see {@link Batching}). */
    public Builder groupByLength(Boolean value) {
      groupByLength = value;
      return this;
    }

    public RunConfig build() {
      RunTarget target = new RunTarget(task, scale, engine, model, dataDir,
          new ExampleLimits(maxTrainExamples, maxEvalExamples));
      Optimization optimization = new Optimization(learningRate, epochs, warmupRatio,
          maxGradNorm);
      Batching batching = new Batching(batchSize, maxLength, groupByLength);
      return new RunConfig(target, new TrainingRecipe(method, representation, optimization,
          batching, seed, privacy));
    }
  }
}
