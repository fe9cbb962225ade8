package slash.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.DataFolders;
import slash.core.data.SentenceExample;
import slash.core.data.Split;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.data.TaskFiles;
import slash.core.method.MethodConfig;
import slash.core.method.Sized;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.train.Batches;
import slash.core.train.RecomputingStep;
import slash.core.train.StepPolicy;
import slash.core.train.TrainingSession;
import slash.djl.DjlRuntime;
import slash.dl4j.SdRuntime;
import slash.methods.MethodEntry;
import slash.methods.MethodRegistry;
import slash.methods.Sessions;
import slash.methods.slash.SlashConfig;

/**
 * What every benchmark shares: the encoder of a scale (loaded once per JVM), the method of a
 * {@code @Param} string, the real task slice, fixed-shape batches and the training epoch. The
 * measured code lives here (and in {@code TrainingSession}), so the CLI and the tables can time
 * the same thing the benchmarks do.
 *
 * <p>Method strings are registry ids ({@code MethodRegistry.byId}) with Table 5's sizes, each
 * entry's {@code benchmark} config: {@code full}, {@code bitfit}, {@code lora} (r = 1), {@code
 * adapter} (m = 1), {@code warp} (20 prompts), {@code slash} and {@code jr-warp} (d = 5,000, the
 * paper's RoBERTa-base row), {@code linear} (the frozen encoder and a head). {@code id:N} sets the
 * size of a {@link Sized} method, e.g. {@code slash:1024}, {@code lora:8}.
 */
public final class Fixtures {
  /** Table 5's batch size. */
  public static final int BATCH = 8;
  /**
   * A benchmark constant, not a training run's rate ({@code LearningRates} in the repro module
   * gives those, and jmh cannot see it): what a step costs does not depend on its rate.
   */
  public static final double LEARNING_RATE = 1e-4;
  private static final Map<String, EncoderWeights> WEIGHTS = new HashMap<>();
  private static final String TEXT = "a gripping , funny and often moving film about friendship , "
      + "loss and the stubborn hope that keeps people going when nothing else does . ";

  static {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "error");
    DjlRuntime.configure(cache());
    SdRuntime.configure();
  }

  private Fixtures() {}

  /** Where DJL unpacks its natives and MiniLM is extracted (the CLI's cache). */
  public static Path cache() {
    return Path.of(System.getProperty("slash.cache",
        System.getProperty("user.home") + "/.cache/slash-repro"));
  }

  /** The encoder of {@code smoke} (seeded random, hidden 32) or {@code mini} (MiniLM-L6). */
  public static synchronized EncoderWeights weights(String scale) {
    return WEIGHTS.computeIfAbsent(scale, s -> EncoderSources.load(
        RunConfig.defaults(Task.SST2, scale(s), SlashConfig.DEFAULTS), cache()));
  }

  public static Scale scale(String scale) {
    return Scale.valueOf(scale.strip().toUpperCase(Locale.ROOT));
  }

  public static EngineName engine(String engine) {
    return EngineName.valueOf(engine.strip().toUpperCase(Locale.ROOT));
  }

  /** A method {@code @Param}: a registry id with Table 5's size, or {@code id:N}. */
  public static MethodConfig method(String spec) {
    String[] parts = spec.strip().split(":", 2);
    MethodEntry<?> entry = MethodRegistry.byId(parts[0]);
    if (parts.length == 1) {
      return entry.benchmark();
    }
    int n = Integer.parseInt(parts[1].strip());
    if (entry.benchmark() instanceof Sized sized) {
      return sized.withSize(n);
    }
    throw new IllegalArgumentException(entry.id() + " has no size to set (" + spec + ")");
  }

  /** The run config of a benchmark: Table 5's batch and schedule-free learning rate. */
  public static RunConfig config(Task task, String engine, String scale, MethodConfig method,
      int batch, int maxLength) {
    // grouped by length at mini scale, as the mini runs train: the epoch a table's cell times
    return RunConfig.defaults(task, scale(scale), method).withEngine(engine(engine))
        .withTraining(LEARNING_RATE, 1, batch).withMaxLength(maxLength)
        .withGroupByLength(scale(scale) == Scale.MINI);
  }

  public static TrainingSession open(RunConfig config) {
    return Sessions.open(config, weights(config.scale().name()));
  }

  /** A real task slice and where it came from. */
  public record Slice(Task task, Path file, List<SentenceExample> examples) {
    public Slice first(int n) {
      if (n <= 0 || n >= examples.size()) {
        return this;
      }
      return new Slice(task, file, examples.subList(0, n));
    }
  }

  /**
   * QNLI's dev set (shipped in {@code data/mini}, 5,463 pairs), or SST-2's dev set from the data
   * folder ({@code $SLASH_DATA} or {@code data/glue}) where QNLI is missing. {@code
   * -Dslash.data=DIR} names another folder.
   */
  public static Slice realSlice() {
    List<Path> folders = new ArrayList<>();
    String given = System.getProperty("slash.data");
    if (given != null) {
      folders.add(Path.of(given));
    }
    String env = System.getenv(DataFolders.DATA_ENV);
    if (env != null && !env.isBlank()) {
      folders.add(Path.of(env));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      folders.add(DataFolders.shipped(dir));
      folders.add(dir.resolve("data/glue"));
    }
    for (Task task : new Task[] {Task.QNLI, Task.SST2}) {
      for (Path folder : folders) {
        if (TaskFiles.exists(folder, task, Split.DEV)) {
          Path file = TaskFiles.path(folder, task, Split.DEV);
          return new Slice(task, file, TaskFiles.readSentences(folder, task, Split.DEV));
        }
      }
    }
    throw new IllegalStateException("no QNLI or SST-2 dev file found in $SLASH_DATA, data/mini "
        + "or data/glue above " + Path.of("").toAbsolutePath()
        + " (-Dslash.data=DIR names a folder)");
  }

  /**
   * One epoch's batches of a slice as the trainer makes them ({@link StepPolicy#batches}: seeded
   * shuffle, grouped by length where the config asks, as mini runs do), dynamic padding.
   */
  public static List<EncodedBatch> epochBatches(BatchTokenizer tokenizer, RunConfig config,
      List<SentenceExample> examples) {
    List<EncodedBatch> out = new ArrayList<>();
    for (List<SentenceExample> rows : RecomputingStep.INSTANCE.batches(examples, config, 0)) {
      out.add(TaskData.encode(tokenizer, config.task(), rows, config.representation()));
    }
    return out;
  }

  /** Batches in file order (inference), each padded to its longest row. */
  public static List<EncodedBatch> inOrderBatches(BatchTokenizer tokenizer, RunConfig config,
      List<SentenceExample> examples) {
    List<EncodedBatch> out = new ArrayList<>();
    for (List<SentenceExample> rows : Batches.inOrder(examples, config.batchSize())) {
      out.add(TaskData.encode(tokenizer, config.task(), rows, config.representation()));
    }
    return out;
  }

  /**
   * One training epoch as the trainer runs it (encode each batch, the recompute-once step policy),
   * without the dev evaluation. Returns the mean loss.
   */
  public static double trainEpoch(TrainingSession session, BatchTokenizer tokenizer,
      RunConfig config, List<SentenceExample> examples) {
    double loss = 0;
    List<List<SentenceExample>> batches = RecomputingStep.INSTANCE.batches(examples, config, 0);
    for (List<SentenceExample> rows : batches) {
      EncodedBatch batch = TaskData.encode(tokenizer, config.task(), rows,
          config.representation());
      loss += RecomputingStep.run(session, batch, config.learningRate(), e -> { });
    }
    return loss / batches.size();
  }

  /** A fixed-shape batch: {@code size} rows, each {@code length} tokens (full, no padding). */
  public static EncodedBatch fullBatch(BatchTokenizer tokenizer, Task task, int size) {
    List<SentenceExample> rows = new ArrayList<>();
    boolean pair = task.isSentencePair();
    for (int i = 0; i < size; i++) {
      rows.add(new SentenceExample(TEXT.repeat(12), pair ? TEXT.repeat(12) : null, i % 2));
    }
    EncodedBatch batch = TaskData.encode(tokenizer, task, rows,
        RunConfig.defaults(task, Scale.SMOKE, SlashConfig.DEFAULTS).representation());
    if (batch.length() != tokenizer.maxLength()) {
      throw new IllegalStateException("fixed-shape batch is " + batch.length()
          + " tokens long, not " + tokenizer.maxLength());
    }
    return batch;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
