package slash.core.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.io.Json;
import slash.core.io.PortablePaths;
import slash.core.privacy.PrivacyReport;

/**
 * What a run produced: its config, every epoch, trainable parameter count, timing and peak memory,
 * and where it ran. The reported score is the final epoch's ({@code finalMetrics}, the model the
 * run ends with, as the released code evaluates it); {@code bestEpoch} and {@code bestMetrics}
 * (the best epoch on dev) are kept as extra information only. {@code testMetrics} score the final
 * model. Files written before {@code finalMetrics} existed read it from their last epoch.
 * {@code privacy}: what a private run spent (null for ordinary runs). {@code commit}: the git
 * commit of the code that ran it, where the reproduction recorded one (null otherwise).
 * {@code peakRssScope}: {@link #PEAK_RSS_PER_RUN} when {@code peakRssBytes} is the process's peak
 * RSS from this run's start (the high-water mark reset as it started, {@link MemoryProbe#resetPeak});
 * null in files written before, whose peak is the process's since it started, earlier runs in the
 * same process included.
 */
public record RunResult(RunConfig config, List<EpochResult> epochs, int bestEpoch,
    Map<String, Double> bestMetrics, long trainableParameters, double secondsPerEpoch,
    double msPerStep, long peakRssBytes, String device, String engineVersion, String error,
    Map<String, Double> testMetrics, Map<String, Double> finalMetrics, PrivacyReport privacy,
    String commit, String peakRssScope) {
  /** The {@code peakRssScope} of a peak measured from the run's own start. */
  public static final String PEAK_RSS_PER_RUN = "run";

  /** A result with no peak scope recorded (the shape before runs carried one). */
  public RunResult(RunConfig config, List<EpochResult> epochs, int bestEpoch,
      Map<String, Double> bestMetrics, long trainableParameters, double secondsPerEpoch,
      double msPerStep, long peakRssBytes, String device, String engineVersion, String error,
      Map<String, Double> testMetrics, Map<String, Double> finalMetrics, PrivacyReport privacy,
      String commit) {
    this(config, epochs, bestEpoch, bestMetrics, trainableParameters, secondsPerEpoch, msPerStep,
        peakRssBytes, device, engineVersion, error, testMetrics, finalMetrics, privacy, commit,
        null);
  }

  /** A result with no commit recorded (the shape before runs carried one). */
  public RunResult(RunConfig config, List<EpochResult> epochs, int bestEpoch,
      Map<String, Double> bestMetrics, long trainableParameters, double secondsPerEpoch,
      double msPerStep, long peakRssBytes, String device, String engineVersion, String error,
      Map<String, Double> testMetrics, Map<String, Double> finalMetrics, PrivacyReport privacy) {
    this(config, epochs, bestEpoch, bestMetrics, trainableParameters, secondsPerEpoch, msPerStep,
        peakRssBytes, device, engineVersion, error, testMetrics, finalMetrics, privacy, null);
  }

  /** A non-private run's result. */
  public RunResult(RunConfig config, List<EpochResult> epochs, int bestEpoch,
      Map<String, Double> bestMetrics, long trainableParameters, double secondsPerEpoch,
      double msPerStep, long peakRssBytes, String device, String engineVersion, String error,
      Map<String, Double> testMetrics, Map<String, Double> finalMetrics) {
    this(config, epochs, bestEpoch, bestMetrics, trainableParameters, secondsPerEpoch, msPerStep,
        peakRssBytes, device, engineVersion, error, testMetrics, finalMetrics, null);
  }

  public RunResult {
    if (finalMetrics == null && epochs != null && !epochs.isEmpty()) {
      finalMetrics = epochs.get(epochs.size() - 1).metrics();
    }
  }

  /** This result, stamped with the commit of the code that produced it. */
  public RunResult withCommit(String newCommit) {
    return new RunResult(config, epochs, bestEpoch, bestMetrics, trainableParameters,
        secondsPerEpoch, msPerStep, peakRssBytes, device, engineVersion, error, testMetrics,
        finalMetrics, privacy, newCommit, peakRssScope);
  }

  /** This result of {@code other}: the same run's config as its planner wrote it. */
  public RunResult withConfig(RunConfig other) {
    return new RunResult(other, epochs, bestEpoch, bestMetrics, trainableParameters,
        secondsPerEpoch, msPerStep, peakRssBytes, device, engineVersion, error, testMetrics,
        finalMetrics, privacy, commit, peakRssScope);
  }

  /**
   * This result as committed results may hold it: the config's data folder and model folder, and
   * the error message, without this machine's home or checkout path ({@link PortablePaths}).
   */
  public RunResult portable(PortablePaths paths) {
    RunConfig c = config;
    if (c != null && c.dataDir() != null) {
      c = c.withDataDir(Path.of(paths.of(c.dataDir())));
    }
    if (c != null && c.model() != null) {
      c = c.withModel(paths.of(c.model()));
    }
    return new RunResult(c, epochs, bestEpoch, bestMetrics, trainableParameters,
        secondsPerEpoch, msPerStep, peakRssBytes, device, engineVersion, paths.scrub(error),
        testMetrics, finalMetrics, privacy, commit, peakRssScope);
  }

  /** The reported dev score: the final epoch's primary metric. */
  public double primary() {
    return finalMetrics.get(config.task().primaryMetric().key());
  }

  /** The best epoch's dev score (extra information: picking it on dev overstates the score). */
  public double bestPrimary() {
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
        error.getClass().getSimpleName() + ": " + error.getMessage(), null, null);
  }
}
