package slash.repro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import slash.core.config.EngineName;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.config.ProjectionStorage;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.config.ShiftPosition;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.smoke.SmokeData;
import slash.core.text.Representation;
import slash.core.text.TextEncoder;
import slash.core.train.Checkpoint;
import slash.core.train.RunResult;
import slash.core.train.Runs;
import slash.core.train.Trainer;
import slash.core.train.TrainingSession;
import slash.djl.DjlRuntime;
import slash.djl.DjlTrainer;
import slash.dl4j.Nd4jRuntime;
import slash.repro.data.DataFetcher;
import slash.repro.data.DataSource;

/** Command line: {@code train}, {@code eval}, {@code predict}, and {@code smoke} (the default). */
public final class Cli {
  private static final String USAGE = """
      usage: slash [repro | smoke | train | eval | predict | step-time] [options]
        repro   [--scale mini|smoke|full] [--tables 2,3,...] [--engine djl|dl4j] [--seeds N]
                [--sweep] [--data DIR] [--model DIR] [--results DIR] [--check]
                                   regenerate the paper's tables and Figure 1 (default:
                                   mini scale, every table, into results/<scale>/)
        fetch-data [--data data/glue] [--tasks sst2,rte,...] [--mirror URL]
                                   download GLUE and CoNLL-2003 from their public sources
        smoke                      train and evaluate SLaSh on generated SST-2 data
        train   --task T [--scale smoke|mini|full] [--method M] [--d N]
                [--init normal|uniform] [--init-scheme random|zero_z|identity_w]
                [--position output|intermediate|attention] [--storage stored|on_the_fly]
                [--representation mask|cls] [--lr X] [--epochs N] [--batch N] [--warmup X]
                [--clip X] [--max-length N] [--seed N] [--data DIR] [--model DIR] [--out DIR]
                [--max-train N] [--max-eval N] [--engine djl|dl4j]
                M: slash | jr-warp | linear | full | bitfit | lora [--rank 8] [--alpha 8]
                   [--targets query,value] | adapter [--bottleneck 64] | warp [--prompts 20]
        eval    --checkpoint FILE [--data DIR] [--engine djl|dl4j]
        step-time --task T --scale S --method M --engine E [--batch N] [--max-length N]
                                   ms per training step and per forward, every row full
        predict --checkpoint FILE [--engine djl|dl4j] SENTENCE [SENTENCE ...]
                                   labels by fused inference (a pair as "first ||| second")
      """;

  private Cli() {}

  public static void main(String[] args) {
    Path cache = Path.of(System.getProperty("slash.cache",
        System.getProperty("user.home") + "/.cache/slash-repro"));
    DjlRuntime.configure(cache);
    Nd4jRuntime.configure();
    List<String> list = new ArrayList<>(Arrays.asList(args));
    String command = list.isEmpty() || list.get(0).startsWith("--") ? "repro" : list.remove(0);
    try {
      Options options = new Options(list);
      switch (command) {
        case "smoke" -> smoke(options, cache);
        case "train" -> print(train(runConfig(options, cache), options, cache));
        case "eval" -> eval(options, cache);
        case "predict" -> predict(options, cache);
        case "step-time" -> StepTiming.run(runConfig(options, cache), options.integer("steps", 10));
        case "repro" -> ReproCommand.run(options, cache);
        case "fetch-data" -> fetchData(options);
        case "help", "-h", "--help" -> System.out.print(USAGE);
        default -> throw new IllegalArgumentException("unknown command '" + command + "'\n"
            + USAGE);
      }
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException
        | java.io.UncheckedIOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    } catch (OutOfMemoryError e) {
      // ND4J caps its native memory at -Dorg.bytedeco.javacpp.maxphysicalbytes (./slash: 8G)
      System.err.println("error: out of memory: " + e.getMessage() + "\n(for DL4J, raise "
          + "-Dorg.bytedeco.javacpp.maxphysicalbytes; finished epochs are checkpointed, and "
          + "the same command resumes after the last one)");
      System.exit(3);
    }
  }

  private static void smoke(Options options, Path cache) {
    Path data = Path.of(options.get("data", "target/smoke-data"));
    SmokeData.write(data, 11, 400, 100);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE,
        MethodConfig.slash(options.integer("d", 64), Distribution.NORMAL)).withDataDir(data)
        .withTraining(3e-2, 6, 16).withMaxLength(64);
    print(new DjlTrainer(config, Path.of(options.get("out", "target/runs/smoke-slash")), cache)
        .run());
  }

  static RunConfig runConfig(Options o, Path cache) {
    Task task = Task.parse(require(o, "task"));
    Scale scale = Scale.parse(o.get("scale", "smoke"));
    Method method = Method.parse(o.get("method", "slash"));
    MethodConfig methodConfig = new MethodConfig(method,
        method.usesProjections() ? o.integer("d", 1024) : null,
        method == Method.SLASH ? ShiftPosition.parse(o.get("position", "output")) : null,
        method.usesProjections() ? Distribution.parse(o.get("init", "normal")) : null,
        method.usesProjections() ? InitScheme.parse(o.get("init-scheme", "random")) : null,
        method.usesProjections() ? ProjectionStorage.valueOf(o.get("storage", "stored")
            .toUpperCase(Locale.ROOT)) : null,
        method.usesProjections() ? (long) o.integer("projection-seed", 0) : null,
        method == Method.LORA ? o.integer("rank", 8) : null,
        method == Method.LORA ? o.number("alpha", MethodConfig.LORA_ALPHA) : null,
        method == Method.ADAPTER ? o.integer("bottleneck", 64) : null,
        method == Method.WARP ? o.integer("prompts", 20) : null,
        method == Method.LORA ? List.of(o.get("targets", "query,value").split(",")) : null);
    RunConfig defaults = RunConfig.defaults(task, scale, methodConfig);
    Path data = Path.of(o.get("data", scale == Scale.SMOKE ? "target/smoke-data" : "data/glue"));
    if (EncoderSources.generatesData(scale)) {
      SmokeData.write(data, 11, 400, 100);
    }
    return new RunConfig(task, scale, EngineName.parse(o.get("engine", "djl")), o.get("model"),
        data.toString(), methodConfig,
        Representation.parse(o.get("representation", "mask")),
        o.number("lr", defaults.learningRate()), o.integer("epochs", defaults.epochs()),
        o.integer("batch", defaults.batchSize()), o.number("warmup", defaults.warmupRatio()),
        o.number("clip", defaults.maxGradNorm()), o.integer("max-length", 128),
        o.integer("seed", 0), o.optionalInteger("max-train"), o.optionalInteger("max-eval"));
  }

  static RunResult train(RunConfig config, Options o, Path cache) {
    Path out = Path.of(o.get("out", "target/runs/" + config.task().dirName() + "-"
        + config.method().label() + "-" + config.engine().name().toLowerCase(Locale.ROOT)
        + "-seed" + config.seed()));
    return Runs.train(config, out, cache, weights -> Engines.open(config, weights),
        new Trainer(config, out));
  }

  /** Scores a checkpoint on the dev split, on the engine it names or {@code --engine}. */
  private static void eval(Options o, Path cache) {
    Checkpoint checkpoint = Checkpoint.read(Path.of(require(o, "checkpoint")));
    RunConfig config = checkpoint.config();
    if (o.get("data") != null) {
      config = config.withDataDir(Path.of(o.get("data")));
    }
    if (o.get("engine") != null) {
      config = config.withEngine(EngineName.parse(o.get("engine")));
    }
    EncoderWeights weights = EncoderSources.load(config, cache);
    try (TextEncoder text = TextEncoder.forEncoder(weights, config.maxLength());
        TrainingSession session = Engines.open(config, weights)) {
      session.loadModel(checkpoint.tensors());
      Map<String, Double> metrics = new Trainer(config, Path.of("target/eval"))
          .evaluate(session, text, TaskData.load(config).dev());
      System.out.println(config.task().dirName() + " dev " + metrics + " (" + config.engine()
          .name().toLowerCase(Locale.ROOT) + ")");
    }
  }

  /** Labels for sentences from a checkpoint, on the engine it names or {@code --engine}. */
  private static void predict(Options o, Path cache) {
    Checkpoint checkpoint = Checkpoint.read(Path.of(require(o, "checkpoint")));
    RunConfig config = checkpoint.config();
    if (o.get("engine") != null) {
      config = config.withEngine(EngineName.parse(o.get("engine")));
    }
    List<String> labels = Predictor.labels(checkpoint, config, o.positional(), cache);
    for (int i = 0; i < labels.size(); i++) {
      System.out.println(labels.get(i) + "\t" + o.positional().get(i));
    }
  }

  private static void fetchData(Options o) {
    Path data = Path.of(o.get("data", "data/glue"));
    List<DataSource> sources = DataSource.all();
    if (o.get("tasks") != null) {
      List<Task> wanted = Arrays.stream(o.get("tasks").split(",")).map(Task::parse).toList();
      sources = sources.stream().filter(s -> wanted.contains(s.task())).toList();
    }
    var outcomes = new DataFetcher(data, o.get("mirror")).fetch(sources);
    outcomes.forEach(r -> System.out.printf(Locale.ROOT, "%-11s %s%n", r.task(), r.message()));
    long missing = outcomes.stream().filter(r -> !r.ok()).count();
    System.out.println(missing == 0 ? "all tasks in " + data
        : missing + " of " + outcomes.size() + " tasks missing in " + data
            + " (their table cells will say \"no data\")");
  }

  private static void print(RunResult result) {
    RunConfig c = result.config();
    System.out.printf(Locale.ROOT, "%s %s on %s (%s scale): best epoch %d, dev %s%n",
        c.method().label(), c.representation(), c.task().dirName(),
        c.scale().name().toLowerCase(Locale.ROOT), result.bestEpoch(), result.bestMetrics());
    System.out.printf(Locale.ROOT, "trainable parameters %,d; %.1f ms/step; %.1f s/epoch; "
        + "peak RSS %d MB; %s%n", result.trainableParameters(), result.msPerStep(),
        result.secondsPerEpoch(), result.peakRssBytes() >> 20, result.device());
  }

  private static String require(Options o, String name) {
    String value = o.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name + "\n" + USAGE);
    }
    return value;
  }
}
