package slash.repro.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.data.Split;
import slash.core.data.TaskData;
import slash.core.data.TaskFiles;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.text.BatchTokenizer;
import slash.core.train.Checkpoint;
import slash.core.train.Evaluator;
import slash.core.train.TrainingSession;
import slash.methods.Sessions;
import slash.repro.ModelCache;

/** {@code slash eval}: a checkpoint scored on the dev split, on either engine. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Score a checkpoint on its task's dev split.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--checkpoint", required = true, description = "a best.safetensors")
  Path checkpoint;

  @Option(names = "--data", description = "data folder (default: the checkpoint's)")
  Path data;

  @Option(names = "--engine", converter = Converters.EngineConverter.class,
      description = "djl or dl4j (default: the engine that trained it)")
  EngineName engine;

  @Override
  public Integer call() {
    Checkpoint saved = Checkpoint.read(checkpoint);
    RunConfig config = saved.config();
    if (data != null) {
      config = config.withDataDir(data);
    }
    if (engine != null) {
      config = config.withEngine(engine);
    }
    EncoderWeights weights = EncoderSources.load(config, ModelCache.dir());
    try (BatchTokenizer tokenizer = BatchTokenizer.forEncoder(weights, config.maxLength());
        TrainingSession session = Sessions.open(config, weights)) {
      session.loadModel(saved.tensors());
      List<?> dev = TaskData.load(config).dev();
      Map<String, Double> metrics = Evaluator.score(config, session, tokenizer, dev);
      System.out.println(label(config, dev.size()) + ": " + metrics + " ("
          + config.engine().name().toLowerCase(Locale.ROOT) + ")");
    }
    return 0;
  }

  /**
   * What was scored, named by the file actually read (with {@code --data} that may be any file
   * in the task's layout, not the task's own dev set): "SST-2 checkpoint on FILE (N examples)".
   */
  static String label(RunConfig config, int examples) {
    Path file = TaskFiles.path(config.dataPath(), config.task(), Split.DEV).toAbsolutePath()
        .normalize();
    boolean capped = config.maxEvalExamples() != null && examples >= config.maxEvalExamples();
    return String.format(Locale.ROOT, "%s checkpoint on %s (%s%,d examples)",
        config.task().dirName(), file, capped ? "the first " : "", examples);
  }
}
