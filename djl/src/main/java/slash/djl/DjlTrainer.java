package slash.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.data.TaskData;
import slash.core.data.TaskKind;
import slash.core.io.FloatTensor;
import slash.core.io.Json;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.text.EncodedBatch;
import slash.core.text.TextEncoder;
import slash.core.train.Batches;
import slash.core.train.Checkpoint;
import slash.core.train.EpochResult;
import slash.core.train.LinearSchedule;
import slash.core.train.MemoryProbe;
import slash.core.train.ProgressBar;
import slash.core.train.RunResult;

/**
 * Trains one run on DJL: AdamW on the method's parameters and the head (encoder and W frozen), the
 * paper's linear warmup schedule and clipping, per-epoch evaluation, best-epoch selection. Every
 * step runs in its own NDManager scope so memory stays flat. Writes into {@code runDir}: {@code
 * last.safetensors} after each epoch (resumable), {@code best.safetensors} (z + head), and {@code
 * result.json}, all atomically.
 */
public final class DjlTrainer {
  public static final String RESULT = "result.json";
  public static final String BEST = "best.safetensors";
  public static final String LAST = "last.safetensors";
  private static final String EPOCHS = "epochs.json";

  private final RunConfig config;
  private final Path runDir;
  private final Path cacheDir;
  private boolean quiet;
  private int interruptAfterEpochs = -1;

  public DjlTrainer(RunConfig config, Path runDir, Path cacheDir) {
    this.config = config.validate();
    this.runDir = runDir;
    this.cacheDir = cacheDir;
  }

  public DjlTrainer quiet() {
    this.quiet = true;
    return this;
  }

  public RunResult run() {
    EncoderWeights weights = EncoderSources.load(config, cacheDir);
    TaskData data = TaskData.load(config);
    try (NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        TextEncoder text = TextEncoder.load(weights.tokenizer(),
            Math.min(config.maxLength(), weights.config().maxSequenceLength()));
        TaskModel model = build(weights, root)) {
      return train(model, text, data, root);
    }
  }

  /** The model of this config around already-loaded weights. */
  public TaskModel build(EncoderWeights weights, NDManager root) {
    DjlEncoder encoder = DjlEncoder.load(weights, root);
    Adaptation adaptation = DjlMethods.create(config.method(), weights.config(), root);
    TaskHead head = new TaskHead(config.task().kind(), config.task().outputSize(),
        weights.config().hidden(), config.seed(), root);
    return new TaskModel(encoder, adaptation, head, config.task().kind());
  }

  /** Tests: die after this many epochs, as a killed process would, to exercise resuming. */
  DjlTrainer interruptAfter(int epochs) {
    this.interruptAfterEpochs = epochs;
    return this;
  }

  RunResult train(TaskModel model, TextEncoder text, TaskData data, NDManager root) {
    int stepsPerEpoch = Batches.count(data.train().size(), config.batchSize());
    LinearSchedule schedule = LinearSchedule.of(config.learningRate(),
        stepsPerEpoch * config.epochs(), config.warmupRatio());
    List<EpochResult> epochs = new ArrayList<>();
    try (AdamW optimizer = new AdamW(model.trainables(), 0.0, root)) {
      int firstEpoch = resume(model, optimizer, epochs);
      for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
        epochs.add(trainEpoch(model, text, data, optimizer, schedule, epoch));
        EpochResult latest = epochs.get(epochs.size() - 1);
        if (isBest(latest, epochs)) {
          new Checkpoint(config, model.state(), epoch).write(runDir.resolve(BEST));
        }
        Map<String, FloatTensor> resumable = new HashMap<>(model.state());
        resumable.putAll(optimizer.state());
        new Checkpoint(config, resumable, epoch).write(runDir.resolve(LAST));
        Json.writeAtomically(runDir.resolve(EPOCHS), epochs);
        if (epoch + 1 == interruptAfterEpochs) {
          throw new IllegalStateException("interrupted after epoch " + (epoch + 1));
        }
      }
    }
    RunResult result = summarise(model, epochs);
    result.write(runDir.resolve(RESULT));
    return result;
  }

  private EpochResult trainEpoch(TaskModel model, TextEncoder text, TaskData data,
      AdamW optimizer, LinearSchedule schedule, int epoch) {
    List<? extends List<?>> batches = Batches.shuffled(data.train(), config.batchSize(),
        config.seed(), epoch);
    ProgressBar bar = quiet ? null : new ProgressBar(String.format(Locale.ROOT, "%s epoch %d/%d",
        config.method().label(), epoch + 1, config.epochs()), batches.size());
    double lossSum = 0;
    long start = System.nanoTime();
    for (List<?> examples : batches) {
      EncodedBatch batch = TaskData.encode(text, config.task(), examples,
          config.representation());
      try (NDManager step = model.encoder().manager().newSubManager()) {
        float loss;
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDArray lossArray = model.loss(model.logits(batch, step), batch, step);
          loss = lossArray.getFloat();
          if (!Float.isFinite(loss)) {
            throw new ArithmeticException("loss is " + loss + " at epoch " + (epoch + 1)
                + ", step " + (optimizer.stepCount() + 1) + " (learning rate "
                + config.learningRate() + ")");
          }
          collector.backward(lossArray);
        }
        optimizer.step(schedule.rate(optimizer.stepCount()), config.maxGradNorm(), step);
        optimizer.zeroGradients(step);
        lossSum += loss;
        if (bar != null) {
          bar.step(String.format(Locale.ROOT, "loss %.4f", loss));
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> metrics = evaluate(model, text, data.dev());
    if (!quiet) {
      System.err.printf(Locale.ROOT, "epoch %d: train loss %.4f, dev %s, %.1f s%n", epoch + 1,
          lossSum / batches.size(), metrics, seconds);
    }
    return new EpochResult(epoch + 1, lossSum / batches.size(), metrics, seconds,
        1000 * seconds / batches.size());
  }

  /** Scores {@code examples} with the task's metrics (unfused forward). */
  public Map<String, Double> evaluate(TaskModel model, TextEncoder text, List<?> examples) {
    PredictionCollector collector = new PredictionCollector(config.task());
    for (List<?> chunk : Batches.inOrder(examples, Math.max(config.batchSize(), 32))) {
      EncodedBatch batch = TaskData.encode(text, config.task(), chunk, config.representation());
      try (NDManager step = model.encoder().manager().newSubManager()) {
        NDArray logits = model.logits(batch, step);
        if (config.task().kind() == TaskKind.TOKEN_CLASSIFICATION) {
          for (int[][] row : model.predictTokens(logits, batch)) {
            collector.addTokens(row[0], row[1]);
          }
        } else {
          collector.addSequences(model.predictSequences(logits), batch.labels());
        }
      }
    }
    return collector.score();
  }

  private int resume(TaskModel model, AdamW optimizer, List<EpochResult> epochs) {
    Path last = runDir.resolve(LAST);
    Path done = runDir.resolve(EPOCHS);
    if (!Files.isRegularFile(last) || !Files.isRegularFile(done)) {
      return 0;
    }
    Checkpoint checkpoint = Checkpoint.read(last);
    if (!checkpoint.config().equals(config)) {
      throw new IllegalStateException(runDir + " holds a run with another config; remove it or "
          + "choose another output folder");
    }
    model.load(checkpoint.tensors());
    optimizer.load(checkpoint.tensors());
    epochs.addAll(List.of(Json.read(done, EpochResult[].class)));
    System.err.printf(Locale.ROOT, "resuming %s after epoch %d%n", runDir,
        checkpoint.epoch() + 1);
    return checkpoint.epoch() + 1;
  }

  private boolean isBest(EpochResult latest, List<EpochResult> epochs) {
    String key = config.task().primaryMetric().key();
    return epochs.stream().allMatch(e -> e == latest
        || e.metrics().get(key) < latest.metrics().get(key));
  }

  private RunResult summarise(TaskModel model, List<EpochResult> epochs) {
    String key = config.task().primaryMetric().key();
    EpochResult best = epochs.get(0);
    for (EpochResult e : epochs) {
      if (e.metrics().get(key) > best.metrics().get(key)) {
        best = e;
      }
    }
    double seconds = epochs.stream().mapToDouble(EpochResult::trainSeconds).average().orElse(0);
    double msPerStep = epochs.stream().mapToDouble(EpochResult::msPerStep).average().orElse(0);
    return new RunResult(config, epochs, best.epoch(), best.metrics(), model.trainableCount(),
        seconds, msPerStep, MemoryProbe.peakRssBytes(), DjlRuntime.describe(),
        "DJL " + ai.djl.engine.Engine.getDjlVersion(), null);
  }
}
