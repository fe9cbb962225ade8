package slash.repro.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import slash.repro.Cli;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.data.TaskData;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.text.BatchTokenizer;
import slash.core.train.Checkpoint;
import slash.core.train.Evaluator;
import slash.core.train.TrainingSession;
import slash.methods.Sessions;

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
    EncoderWeights weights = EncoderSources.load(config, Cli.cache());
    try (BatchTokenizer tokenizer = BatchTokenizer.forEncoder(weights, config.maxLength());
        TrainingSession session = Sessions.open(config, weights)) {
      session.loadModel(saved.tensors());
      Map<String, Double> metrics = Evaluator.score(config, session, tokenizer,
          TaskData.load(config).dev());
      System.out.println(config.task().dirName() + " dev " + metrics + " ("
          + config.engine().name().toLowerCase(Locale.ROOT) + ")");
    }
    return 0;
  }
}
