package slash.core.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.io.Json;

/**
 * What a run produced: its config, every epoch, the best epoch by the task's primary metric,
 * trainable parameter count, timing and peak memory, and where it ran.
 */
public record RunResult(RunConfig config, List<EpochResult> epochs, int bestEpoch,
    Map<String, Double> bestMetrics, long trainableParameters, double secondsPerEpoch,
    double msPerStep, long peakRssBytes, String device, String engineVersion, String error,
    Map<String, Double> testMetrics, slash.core.privacy.PrivacyReport privacy) {

  /** A non-private run's result (the fields before private training). */
  public RunResult(RunConfig config, List<EpochResult> epochs, int bestEpoch,
      Map<String, Double> bestMetrics, long trainableParameters, double secondsPerEpoch,
      double msPerStep, long peakRssBytes, String device, String engineVersion, String error,
      Map<String, Double> testMetrics) {
    this(config, epochs, bestEpoch, bestMetrics, trainableParameters, secondsPerEpoch, msPerStep,
        peakRssBytes, device, engineVersion, error, testMetrics, null);
  }

  public double primary() {
    return bestMetrics.get(config.task().primaryMetric().key());
  }

  public void write(Path file) {
    Json.writeAtomically(file, this);
  }

  public static RunResult read(Path file) {
    return Json.read(file, RunResult.class);
  }

  public static RunResult failed(RunConfig config, Throwable error) {
    return new RunResult(config, List.of(), -1, Map.of(), 0, 0, 0, 0, "", "",
        error.getClass().getSimpleName() + ": " + error.getMessage(), null);
  }
}
