package slash.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What {@code mvn verify} runs: every benchmark of the suite once on the smoke encoder (every
 * engine, method and variant its {@code @Param}s list), one 50 ms iteration (SingleShotTime: one
 * invocation) and no warm-up, all in this JVM ({@code forks 0}: a fork per parameter set would
 * reload PyTorch and ND4J ~100 times); then one benchmark in a real fork with the profiler, so
 * the shaded jar's forked path is exercised too. Fails (exit 1) when a benchmark throws, or when
 * one is missing from the results or reports no peak RSS. Not a measurement.
 */
public final class SmokeRun {
  static final List<String> BENCHMARKS = List.of("EpochTime.epoch", "TrainingStep.trainStep",
      "TrainingStep.forward", "FusedLatency.logits", "QnliInference.pass",
      "ProjectionStorage.epoch");

  private SmokeRun() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/jmh-smoke");
    Files.createDirectories(out);
    long start = System.nanoTime();
    Collection<RunResult> all = new Runner(smoke(out.resolve("all.json"))
        .include("slash\\.jmh\\..*").forks(0).build()).run();
    check(all, BENCHMARKS);
    Collection<RunResult> forked = new Runner(smoke(out.resolve("forked.json"))
        .include("slash\\.jmh\\.TrainingStep\\.trainStep").param("engine", "djl")
        .param("method", "slash").forks(1).build()).run();
    check(forked, List.of("TrainingStep.trainStep"));
    System.out.printf("smoke run of the benchmarks: %d parameter sets in %.0f s, all passed%n",
        all.size() + forked.size(), (System.nanoTime() - start) / 1e9);
  }

  /** The smoke options: the smoke encoder, tiny slices, one short iteration, the profiler. */
  static ChainedOptionsBuilder smoke(Path json) {
    return new OptionsBuilder()
        .param("scale", "smoke")
        .param("examples", "16")
        .param("d", "64")
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(50))
        .timeUnit(TimeUnit.MILLISECONDS)
        .addProfiler(PeakMemoryProfiler.class)
        .shouldFailOnError(true)
        .result(json.toString())
        .resultFormat(ResultFormatType.JSON);
  }

  static void check(Collection<RunResult> results, List<String> expected) throws RunnerException {
    Set<String> seen = new TreeSet<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replace("slash.jmh.", "");
      seen.add(name);
      if (!r.getSecondaryResults().containsKey("peak.rss")
          && !r.getSecondaryResults().containsKey("peak.rss.process")) {
        throw new RunnerException(name + " " + r.getParams() + " reported no peak RSS");
      }
    }
    for (String name : expected) {
      if (!seen.contains(name)) {
        throw new RunnerException("benchmark " + name + " did not run (ran: " + seen + ")");
      }
    }
  }
}
