package slash.repro.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.DataFolders;
import slash.core.data.QnliDevSplit;
import slash.core.data.Split;
import slash.core.data.Task;
import slash.core.data.TaskFiles;
import slash.core.method.MethodConfig;
import slash.core.text.Representation;
import slash.repro.tables.LearningRates;

/**
 * The options of one run (task, scale, method, data, training), shared by {@code train} and
 * {@code step-time}.
 */
final class RunOptions {
  @Option(names = "--task", required = true, converter = Converters.TaskConverter.class,
      description = "sst2, rte, mrpc, cola, stsb, qnli, qqp, mnli or conll2003")
  Task task;

  @Option(names = "--scale", defaultValue = "smoke", converter = Converters.ScaleConverter.class,
      description = "smoke, mini or full (default: ${DEFAULT-VALUE})")
  Scale scale;

  @Option(names = "--method", defaultValue = "slash",
      completionCandidates = MethodOptions.Ids.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); its options are "
          + "marked [method] below")
  String method;

  @Mixin DataOptions source;

  @Option(names = "--representation", defaultValue = "mask",
      converter = Converters.RepresentationConverter.class,
      description = "mask or cls: the state the head reads (default: ${DEFAULT-VALUE})")
  Representation representation;

  @Option(names = "--lr", description = "learning rate (default: the one repro gives the same "
      + "run: the method family's rate at smoke and mini scale, the paper's best at full scale "
      + "where Tables 10-14 have one)")
  Double learningRate;

  @Option(names = "--epochs", description = "epochs (default: 10; NER 5)")
  Integer epochs;

  @Option(names = "--batch", description = "batch size (default: 8; NER 32)")
  Integer batch;

  @Option(names = "--warmup", description = "warmup ratio (default: 0.06; NER 0.1)")
  Double warmup;

  @Option(names = "--clip", description = "gradient-norm clip, 0 for none (default: 1.0)")
  Double clip;

  @Option(names = "--max-length", defaultValue = "128",
      description = "maximum tokens per example (default: ${DEFAULT-VALUE})")
  int maxLength;

  @Option(names = "--seed", defaultValue = "0", description = "run seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--max-train", description = "train on the first N examples only")
  Integer maxTrain;

  @Option(names = "--max-eval", description = "evaluate on the first N examples only")
  Integer maxEval;

  @Option(names = "--group-by-length", description = "train on batches of similar length "
      + "(Hugging Face's group_by_length): less padding, the same examples per epoch")
  boolean groupByLength;

  /** The run this command line describes, with {@code method}'s config; private or not. */
  RunConfig config(MethodConfig methodConfig, boolean privately) {
    RunConfig defaults = RunConfig.defaults(task, scale, methodConfig);
    Path folder = source.folder(scale).dir();
    Path split = task == Task.QNLI && scale == Scale.MINI
        && !TaskFiles.exists(folder, task, Split.TRAIN)
        ? QnliDevSplit.fromShipped(DataFolders.checkout(), Path.of("target")) : null;
    if (split != null) {
      folder = split;
      System.err.println("QNLI: " + QnliDevSplit.sizes(folder).describe());
    }
    return defaults.toBuilder().engine(source.engine).model(source.model)
        .dataDir(folder.toString()).representation(representation)
        .learningRate(LearningRates.forTrain(scale, methodConfig, task, source.model, privately,
            learningRate))
        .epochs(or(epochs, defaults.epochs())).batchSize(or(batch, defaults.batchSize()))
        .warmupRatio(or(warmup, defaults.warmupRatio()))
        .maxGradNorm(or(clip, defaults.maxGradNorm())).maxLength(maxLength).seed(seed)
        .maxTrainExamples(maxTrain).maxEvalExamples(maxEval).build()
        .withGroupByLength(groupByLength);
  }

  private static <T> T or(T given, T fallback) {
    return given != null ? given : fallback;
  }
}
