package slash.repro.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.train.Checkpoint;
import slash.repro.ModelCache;
import slash.repro.Predictor;

/** {@code slash predict}: labels for sentences by fused inference. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Label sentences with a checkpoint, the method folded into the encoder "
        + "where it folds; a pair is written \"first ||| second\".")
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--checkpoint", required = true, description = "a best.safetensors")
  Path checkpoint;

  @Option(names = "--engine", converter = Converters.EngineConverter.class,
      description = "djl or dl4j (default: the engine that trained it)")
  EngineName engine;

  @Parameters(arity = "1..*", paramLabel = "SENTENCE", description = "inputs to label")
  List<String> sentences;

  @Override
  public Integer call() {
    Checkpoint saved = Checkpoint.read(checkpoint);
    RunConfig config = engine == null ? saved.config() : saved.config().withEngine(engine);
    List<String> labels = Predictor.labels(saved, config, sentences, ModelCache.dir());
    for (int i = 0; i < labels.size(); i++) {
      System.out.println(labels.get(i) + "\t" + sentences.get(i));
    }
    return 0;
  }
}
