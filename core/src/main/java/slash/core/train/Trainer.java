package slash.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.data.TaskData;
import slash.core.io.FaultPoint;
import slash.core.privacy.PrivacyReport;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;

/**
 * The training loop every engine and method shares: seeded shuffles, a step policy per batch at
 * the rate of the policy's schedule (the paper's linear warmup and decay; DP-SGD's constant rate),
 * evaluation on dev after each epoch. The run reports its final epoch (the model it ends with, as
 * the released code evaluates); the best epoch by the task's primary metric is recorded beside it.
 * Files go to a {@link RunFolder}; what the run tells the world goes to its {@link
 * TrainingListener}s.
 */
public final class Trainer {
  private final RunConfig config;
  private final RunFolder folder;
  private final StepPolicy policy;
  private final List<TrainingListener> listeners;

  public Trainer(RunConfig config, RunFolder folder, StepPolicy policy,
      List<TrainingListener> listeners) {
    this.config = config.validate();
    this.folder = folder;
    this.policy = policy;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Trains into the folder, resuming after its last committed epoch. The folder is opened (and
   * locked) here unless the caller opened it already, as {@link Runs#train} does.
   */
  public RunResult train(TrainingSession session, BatchTokenizer tokenizer, TaskData data) {
    boolean opened = !folder.isOpen();
    folder.open(config);
    try {
      return trainOpen(session, tokenizer, data);
    } finally {
      if (opened) {
        folder.close();
      }
    }
  }

  private RunResult trainOpen(TrainingSession session, BatchTokenizer tokenizer,
      TaskData data) {
    Schedule schedule = policy.schedule(config, data.train().size());
    List<EpochResult> epochs = new ArrayList<>();
    int firstEpoch = folder.resumePoint(config).map(point -> {
      session.loadModel(point.last().tensors());
      session.loadOptimizer(point.last().tensors());
      epochs.addAll(point.epochs());
      return point.nextEpoch();
    }).orElse(0);
    listeners.forEach(l -> l.onStart(config, firstEpoch));
    for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
      EpochResult latest = trainEpoch(session, tokenizer, data, schedule, epoch);
      epochs.add(latest);
      folder.commitEpoch(session, epoch, epochs, isBest(latest, epochs));
      PrivacyReport spent = policy.spent(session.stepCount());
      if (spent != null) {
        listeners.forEach(l -> l.onPrivacySpent(spent));
      }
      listeners.forEach(l -> l.onEpochEnd(config, latest));
    }
    RunResult result = summarise(session, epochs, testMetrics(session, tokenizer, data));
    folder.writeResult(result);
    return result;
  }

  private EpochResult trainEpoch(TrainingSession session, BatchTokenizer tokenizer,
      TaskData data, Schedule schedule, int epoch) {
    List<? extends List<?>> batches = policy.batches(data.train(), config, epoch);
    int number = epoch + 1;
    FaultPoint.inEpoch(number);
    listeners.forEach(l -> l.onEpochStart(config, number, batches.size()));
    double lossSum = 0;
    int[] recomputed = {0};
    long start = System.nanoTime();
    for (List<?> examples : batches) {
      EncodedBatch batch = examples.isEmpty() ? null // a Poisson sample can be empty
          : TaskData.encode(tokenizer, config.task(), examples, config.representation());
      float loss;
      try {
        loss = policy.step(session, batch, schedule.rate(session.stepCount()), e -> {
          recomputed[0]++;
          listeners.forEach(l -> l.onRecompute(e.getMessage(), number));
        });
      } catch (ArithmeticException e) {
        throw new ArithmeticException(e.getMessage() + " in epoch " + number);
      }
      lossSum += loss;
      listeners.forEach(l -> l.onStep(loss));
      FaultPoint.reach("mid-epoch", number);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> metrics = Evaluator.score(config, session, tokenizer, data.dev());
    return new EpochResult(number, lossSum / batches.size(), metrics, seconds,
        1000 * seconds / batches.size(), recomputed[0]);
  }

  private boolean isBest(EpochResult latest, List<EpochResult> epochs) {
    String key = config.task().primaryMetric().key();
    return epochs.stream().allMatch(e -> e == latest
        || e.metrics().get(key) < latest.metrics().get(key));
  }

  /** The final model scored on the test split, where the task has one (CoNLL-2003). */
  private Map<String, Double> testMetrics(TrainingSession session, BatchTokenizer tokenizer,
      TaskData data) {
    if (data.test().isEmpty()) {
      return null;
    }
    return Evaluator.score(config, session, tokenizer, data.test());
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
        seconds, msPerStep, folder.peakRssBytes(), session.device(),
        session.engineVersion(), null, testMetrics, epochs.get(epochs.size() - 1).metrics(),
        policy.spent(session.stepCount()), null, folder.peakRssScope());
  }
}
