package slash.repro.tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import slash.core.config.EngineName;
import slash.core.config.Scale;
import slash.core.method.MethodConfig;
import slash.jmh.Fixtures;
import slash.repro.bench.BenchResults;

/**
 * Table 5's time and memory cells at mini scale, read from the JMH suite's results
 * ({@code ./slash bench} writes {@code results/jmh/jmh.json}) instead of measured a second way:
 * the {@code EpochTime} benchmark (one epoch over a fixed slice of QNLI, batch 8, dynamic padding)
 * and its {@code PeakMemoryProfiler} peak RSS are the one place the project measures itself.
 */
public final class EpochBenchmarks {
  static final String BENCHMARK = "EpochTime.epoch";

  private final Path file;
  private final BenchResults results;

  private EpochBenchmarks(Path file, BenchResults results) {
    this.file = file;
    this.results = results;
  }

  /** The JMH results in {@code json}, or none where the file is absent (the cells say so). */
  public static EpochBenchmarks read(Path json) {
    return new EpochBenchmarks(json, Files.isRegularFile(json) ? BenchResults.read(json) : null);
  }

  /** The JMH results next to a scale's results folder: {@code results/mini} -> results/jmh. */
  public static EpochBenchmarks besideResults(Path scaleResults) {
    return read(scaleResults.toAbsolutePath().resolveSibling("jmh").resolve("jmh.json"));
  }

  /** The EpochTime row of one engine, scale and method; {@code method} as the table runs it. */
  public Optional<BenchResults.Row> find(EngineName engine, Scale scale, MethodConfig method) {
    if (results == null) {
      return Optional.empty();
    }
    String engineId = engine.name().toLowerCase(Locale.ROOT);
    String scaleId = scale.name().toLowerCase(Locale.ROOT);
    return results.find(BENCHMARK, row -> row.param("engine").equals(engineId)
        && row.param("scale").equals(scaleId) && sameMethod(row.param("method"), method));
  }

  private static boolean sameMethod(String spec, MethodConfig method) {
    try {
      return Fixtures.method(spec).equals(method);
    } catch (IllegalArgumentException e) {
      return false; // a method this build no longer knows: not a match
    }
  }

  /** Why a cell has no value: the file is missing, or it has no row for the method. */
  public String missing(MethodConfig method) {
    if (results == null) {
      return "no data: Table 5 at mini scale reads " + file.getFileName() + " of ./slash bench ("
          + file + " is missing)";
    }
    return "no data: " + file + " has no " + BENCHMARK + " row for " + method.label()
        + " (./slash bench --benchmarks EpochTime --param method=...)";
  }

  /** The footnote that says what the numbers are. */
  public String note(BenchResults.Row example) {
    return String.format(Locale.ROOT, "Time and memory at this scale come from JMH (%s, "
        + "benchmark %s): the mean of its measured single-shot epochs over the first %s QNLI "
        + "dev pairs (batch %s, each batch padded to its longest row), ± JMH's 99.9%% error; "
        + "memory is the peak resident set of the measured iterations (PeakMemoryProfiler, "
        + "GiB). Not a whole QNLI training epoch on a GPU as in the paper: compare ratios, not "
        + "seconds.", file.getFileName(), BENCHMARK, example.param("examples"),
        example.params().getOrDefault("batch", "8"));
  }
}
