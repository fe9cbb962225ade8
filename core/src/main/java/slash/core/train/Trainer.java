package slash.core.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.data.TaskData;
import slash.core.io.FloatTensor;
import slash.core.io.Json;
import slash.core.metrics.PredictionCollector;
import slash.core.text.EncodedBatch;
import slash.core.text.TextEncoder;

/**
 * The training loop every engine shares: seeded shuffles, the paper's linear warmup schedule,
 * per-epoch evaluation with the task's metric, best-epoch selection. Writes into {@code runDir}:
 * {@code last.safetensors} + {@code epochs.json} after each epoch (resumable), {@code
 * best.safetensors} (method + head only), and {@code result.json}, all atomically.
 */
public final class Trainer {
  public static final String RESULT = "result.json";
  public static final String BEST = "best.safetensors";
  public static final String LAST = "last.safetensors";
  private static final String EPOCHS = "epochs.json";

  private final RunConfig config;
  private final Path runDir;
  private boolean quiet;
  private int stopAfterEpochs = -1;

  public Trainer(RunConfig config, Path runDir) {
    this.config = config.validate();
    this.runDir = runDir;
  }

  public Trainer quiet(boolean quiet) {
    this.quiet = quiet;
    return this;
  }

  /** Dies after this many epochs, as a killed process would: lets tests exercise resuming. */
  public Trainer stopAfterEpochs(int epochs) {
    this.stopAfterEpochs = epochs;
    return this;
  }

  public RunResult train(TrainingSession session, TextEncoder text, TaskData data) {
    int stepsPerEpoch = Batches.count(data.train().size(), config.batchSize());
    LinearSchedule schedule = LinearSchedule.of(config.learningRate(),
        stepsPerEpoch * config.epochs(), config.warmupRatio());
    List<EpochResult> epochs = new ArrayList<>();
    int firstEpoch = resume(session, epochs);
    for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
      epochs.add(trainEpoch(session, text, data, schedule, epoch));
      EpochResult latest = epochs.get(epochs.size() - 1);
      if (isBest(latest, epochs)) {
        new Checkpoint(config, session.modelState(), epoch).write(runDir.resolve(BEST));
      }
      Map<String, FloatTensor> resumable = new HashMap<>(session.modelState());
      resumable.putAll(session.optimizerState());
      new Checkpoint(config, resumable, epoch).write(runDir.resolve(LAST));
      Json.writeAtomically(runDir.resolve(EPOCHS), epochs);
      if (epoch + 1 == stopAfterEpochs) {
        throw new IllegalStateException("interrupted after epoch " + (epoch + 1));
      }
    }
    RunResult result = summarise(session, epochs, testMetrics(session, text, data));
    result.write(runDir.resolve(RESULT));
    return result;
  }

  private EpochResult trainEpoch(TrainingSession session, TextEncoder text, TaskData data,
      LinearSchedule schedule, int epoch) {
    List<? extends List<?>> batches = Batches.shuffled(data.train(), config.batchSize(),
        config.seed(), epoch);
    ProgressBar bar = quiet ? null : new ProgressBar(String.format(Locale.ROOT,
        "%s epoch %d/%d", config.method().label(), epoch + 1, config.epochs()), batches.size());
    double lossSum = 0;
    int[] recomputed = {0};
    int currentEpoch = epoch + 1;
    long start = System.nanoTime();
    for (List<?> examples : batches) {
      EncodedBatch batch = TaskData.encode(text, config.task(), examples,
          config.representation());
      float loss;
      try {
        loss = RecomputingStep.run(session, batch, schedule.rate(session.stepCount()), e -> {
          recomputed[0]++;
          System.err.println("warning: " + e.getMessage() + " in epoch " + currentEpoch
              + "; recomputing the step");
        });
      } catch (ArithmeticException e) {
        throw new ArithmeticException(e.getMessage() + " in epoch " + currentEpoch);
      }
      lossSum += loss;
      if (bar != null) {
        bar.step(String.format(Locale.ROOT, "loss %.4f", loss));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> metrics = evaluate(session, text, data.dev());
    if (!quiet) {
      System.err.printf(Locale.ROOT, "epoch %d: train loss %.4f, dev %s, %.1f s%n", epoch + 1,
          lossSum / batches.size(), metrics, seconds);
    }
    return new EpochResult(epoch + 1, lossSum / batches.size(), metrics, seconds,
        1000 * seconds / batches.size(), recomputed[0]);
  }

  /** Scores {@code examples} with the task's metrics. */
  public Map<String, Double> evaluate(TrainingSession session, TextEncoder text,
      List<?> examples) {
    PredictionCollector collector = new PredictionCollector(config.task());
    for (List<?> chunk : Batches.inOrder(examples, Math.max(config.batchSize(), 32))) {
      session.predict(TaskData.encode(text, config.task(), chunk, config.representation()),
          collector);
    }
    return collector.score();
  }

  private int resume(TrainingSession session, List<EpochResult> epochs) {
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
    session.loadModel(checkpoint.tensors());
    session.loadOptimizer(checkpoint.tensors());
    epochs.addAll(List.of(Json.read(done, EpochResult[].class)));
    if (!quiet) {
      System.err.printf(Locale.ROOT, "resuming %s after epoch %d%n", runDir,
          checkpoint.epoch() + 1);
    }
    return checkpoint.epoch() + 1;
  }

  private boolean isBest(EpochResult latest, List<EpochResult> epochs) {
    String key = config.task().primaryMetric().key();
    return epochs.stream().allMatch(e -> e == latest
        || e.metrics().get(key) < latest.metrics().get(key));
  }

  /** The best epoch's model scored on the test split, where the task has one (CoNLL-2003). */
  private Map<String, Double> testMetrics(TrainingSession session, TextEncoder text,
      TaskData data) {
    if (data.test().isEmpty()) {
      return null;
    }
    session.loadModel(Checkpoint.read(runDir.resolve(BEST)).tensors());
    return evaluate(session, text, data.test());
  }

  private RunResult summarise(TrainingSession session, List<EpochResult> epochs,
      Map<String, Double> testMetrics) {
    String key = config.task().primaryMetric().key();
    EpochResult best = epochs.get(0);
    for (EpochResult e : epochs) {
      if (e.metrics().get(key) > best.metrics().get(key)) {
        best = e;
      }
    }
    double seconds = epochs.stream().mapToDouble(EpochResult::trainSeconds).average().orElse(0);
    double msPerStep = epochs.stream().mapToDouble(EpochResult::msPerStep).average().orElse(0);
    return new RunResult(config, epochs, best.epoch(), best.metrics(), session.trainableCount(),
        seconds, msPerStep, MemoryProbe.peakRssBytes(), session.device(),
        session.engineVersion(), null, testMetrics);
  }
}
