package slash.repro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import slash.core.config.PrivacyConfig;
import slash.core.config.RunConfig;
import slash.core.train.DpSgdStep;
import slash.core.data.SentenceExample;
import slash.core.data.TaskData;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.train.MemoryProbe;
import slash.core.train.RecomputingStep;
import slash.core.train.TrainingSession;
import slash.methods.Sessions;

/**
 * Milliseconds per training step and per frozen forward at a fixed batch shape (batch x length
 * tokens, every row full), for one engine and method: the side-by-side engine comparison. Run
 * it once per engine so each process's peak RSS is its own.
 */
public final class StepTiming {
  private static final String TEXT = "a gripping , funny and often moving film about friendship , "
      + "loss and the stubborn hope that keeps people going when nothing else does . ";

  private StepTiming() {}

  /** One timed step, with the trainer's recompute-once policy; returns 1 if recomputed. */
  private static int step(TrainingSession session, EncodedBatch batch) {
    int[] recomputed = {0};
    RecomputingStep.run(session, batch, 1e-4, e -> recomputed[0]++);
    return recomputed[0];
  }

  public static void run(RunConfig config, int steps) {
    run(config, steps, false);
  }

  /**
   * As {@link #run(RunConfig, int)}; with {@code privateToo} also a DP-SGD step of the same
   * batch as one physical batch (per-example gradients, clipping, one noise draw, the update),
   * and the ratio private / non-private.
   */
  public static void run(RunConfig config, int steps, boolean privateToo) {
    EncoderWeights weights = EncoderSources.load(config, ModelCache.dir());
    List<SentenceExample> rows = new ArrayList<>();
    for (int i = 0; i < config.batchSize(); i++) {
      rows.add(new SentenceExample(TEXT.repeat(12), null, i % 2));
    }
    try (BatchTokenizer text = BatchTokenizer.forEncoder(weights, config.maxLength());
        TrainingSession session = Sessions.open(config, weights)) {
      EncodedBatch batch = TaskData.encode(text, config.task(), rows, config.representation());
      for (int i = 0; i < 3; i++) { // warm-up: graph building, allocator, JIT
        step(session, batch);
        session.predict(batch, new PredictionCollector(config.task()));
      }
      long start = System.nanoTime();
      int[] recomputed = {0};
      for (int i = 0; i < steps; i++) {
        recomputed[0] += step(session, batch);
      }
      double trainMs = (System.nanoTime() - start) / 1e6 / steps;
      start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        session.predict(batch, new PredictionCollector(config.task()));
      }
      double forwardMs = (System.nanoTime() - start) / 1e6 / steps;
      System.out.printf(Locale.ROOT, "%s\t%s\t%s\tbatch %dx%d\ttrain %.1f ms/step\tforward %.1f ms"
          + "\tpeak RSS %d MB\t%s\trecomputed steps %d%n",
          config.engine().name().toLowerCase(Locale.ROOT),
          config.method().label(), config.scale().name().toLowerCase(Locale.ROOT), batch.size(),
          batch.length(), trainMs, forwardMs, MemoryProbe.peakRssBytes() >> 20, session.device(),
          recomputed[0]);
      if (privateToo) {
        RunConfig dp = config.withPrivacy(new PrivacyConfig(null, 1.0, 1e-6, config.batchSize(),
            PrivacyConfig.PAPER_EPS_ERROR, false));
        DpSgdStep policy = new DpSgdStep(dp, 10 * config.batchSize());
        for (int i = 0; i < 3; i++) {
          policy.step(session, batch, 1e-4, e -> { });
        }
        // interleaved, so a shared machine's load falls on both alike
        double privateNs = 0;
        double plainNs = 0;
        for (int i = 0; i < steps; i++) {
          long t0 = System.nanoTime();
          step(session, batch);
          long t1 = System.nanoTime();
          policy.step(session, batch, 1e-4, e -> { });
          long t2 = System.nanoTime();
          plainNs += t1 - t0;
          privateNs += t2 - t1;
        }
        trainMs = plainNs / 1e6 / steps;
        double privateMs = privateNs / 1e6 / steps;
        System.out.printf(Locale.ROOT, "%s\t%s\tprivate step %.1f ms\tnon-private %.1f ms\t"
            + "ratio %.2f\t%s per-example path\tpeak RSS %d MB%n",
            config.engine().name().toLowerCase(Locale.ROOT), config.method().label(), privateMs,
            trainMs, privateMs / trainMs, policy.loopedExamples() > 0 ? "looped" : "one-pass",
            MemoryProbe.peakRssBytes() >> 20);
      }
    }
  }
}
