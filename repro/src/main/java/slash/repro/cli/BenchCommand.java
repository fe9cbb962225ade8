package slash.repro.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import slash.core.io.Json;
import slash.core.io.AtomicFiles;
import slash.core.io.PortablePaths;
import slash.djl.DjlRuntime;
import slash.dl4j.SdRuntime;
import slash.jmh.PeakMemoryProfiler;
import slash.repro.bench.BenchReport;
import slash.repro.bench.BenchResults;
import slash.repro.paper.PaperTables;
import slash.repro.tables.Provenance;

/**
 * {@code slash bench}: the JMH suite (module {@code jmh}) through JMH's Runner API with this
 * machine's defaults, then {@code results/jmh/}: {@code jmh.json} (JMH's JSON), {@code
 * summary.md} (Table 5's ratios beside the paper's, fused / plain latency, DL4J / DJL),
 * {@code latency} and {@code memory} charts (PNG and SVG) and {@code provenance.json}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = Version.class,
    description = "Run the JMH benchmarks (epoch time, training step, fused latency, QNLI "
        + "inference, projection storage) with peak memory, and write results/jmh/.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "one short iteration, no warm-up, small slices: "
      + "proves the pipeline, measures nothing")
  boolean quick;

  @Option(names = "--engine", split = ",", defaultValue = "djl,dl4j",
      description = "engines (default: ${DEFAULT-VALUE})")
  List<String> engines;

  @Option(names = "--scale", defaultValue = "mini",
      description = "smoke (random encoder) or mini (MiniLM) (default: ${DEFAULT-VALUE})")
  String scale;

  @Option(names = "--benchmarks", split = ",",
      defaultValue = "EpochTime,TrainingStep,FusedLatency,QnliInference,ProjectionStorage",
      description = "benchmark classes or regexes (default: ${DEFAULT-VALUE})")
  List<String> benchmarks;

  @Option(names = "--param", description = "a JMH @Param, e.g. --param examples=512 "
      + "--param method=slash,full (repeatable)")
  List<String> params = new ArrayList<>();

  @Option(names = "--forks", description = "JVM forks per parameter set (default: the "
      + "classes' 1; 0 runs everything in this JVM: fast, but peak RSS is then shared)")
  Integer forks;

  @Option(names = "--out", defaultValue = "results/jmh",
      description = "output folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--report-only", description = "rewrite summary and charts from "
      + "OUT/jmh.json without running anything")
  boolean reportOnly;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    Path json = out.resolve("jmh.json");
    Map<String, String> provenance;
    Path provenanceFile = out.resolve("provenance.json");
    if (!reportOnly) {
      // the commit that is measured: the tree as the run starts, not as it ends
      String commit = Provenance.gitCommit(Path.of("."));
      long start = System.nanoTime();
      new Runner(options(json).build()).run();
      // JMH records each fork's JVM and its arguments (-Dslash.cache=..., -Dslash.home=...):
      // results/ are committed, so no absolute home or checkout path stays in them
      scrub(json, PortablePaths.here());
      provenance = provenance(commit, (System.nanoTime() - start) / 1e9);
      AtomicFiles.writeString(provenanceFile, Json.write(provenance));
    } else {
      provenance = Files.isRegularFile(provenanceFile)
          ? stringMap(Files.readString(provenanceFile)) : Map.of();
    }
    new BenchReport(BenchResults.read(json), PaperTables.load(), provenance).write(out);
    System.out.println("wrote " + out.resolve("summary.md"));
    return 0;
  }

  /** JMH's JSON with no absolute home or checkout path (its jvmArgs record both). */
  static void scrub(Path json, PortablePaths paths) throws java.io.IOException {
    AtomicFiles.writeString(json, paths.scrub(Files.readString(json)));
  }

  ChainedOptionsBuilder options(Path json) {
    ChainedOptionsBuilder o = new OptionsBuilder()
        .param("engine", engines.toArray(String[]::new))
        .param("scale", scale)
        .addProfiler(PeakMemoryProfiler.class)
        .shouldFailOnError(true)
        .result(json.toString())
        .resultFormat(ResultFormatType.JSON);
    // Forks inherit this JVM's arguments, a -Dslash.cache given to it included; without one
    // they use the same default (~/.cache/slash-repro), so nothing is appended, and the
    // benchmark classes' own @Fork(jvmArgsAppend) (-Xss4m, offline DJL) stay in force.
    for (String b : benchmarks) {
      o.include(b.contains(".") || b.contains("*") ? b : "slash\\.jmh\\." + b + "\\.");
    }
    if (quick) {
      o.warmupIterations(0).measurementIterations(1)
          .measurementTime(TimeValue.seconds(1))
          .param("examples", "32");
    }
    if (forks != null) {
      o.forks(forks);
    }
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--param wants NAME=VALUE[,VALUE...], got " + p);
      }
      o.param(p.substring(0, eq), p.substring(eq + 1).split(","));
    }
    return o;
  }

  private Map<String, String> provenance(String commit, double seconds) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("commit", commit);
    p.put("date", Provenance.now());
    p.put("scale", scale);
    p.put("quick", Boolean.toString(quick));
    if (engines.contains("djl")) {
      p.put("djl", DjlRuntime.describe());
    }
    if (engines.contains("dl4j")) {
      p.put("dl4j", SdRuntime.version() + ", " + SdRuntime.describe());
    }
    p.put("cpu", cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    p.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    p.put("jmh", org.openjdk.jmh.util.Version.getPlainVersion());
    p.put("wall seconds", String.format(java.util.Locale.ROOT, "%.0f", seconds));
    return p;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> stringMap(String json) {
    return Json.read(json, LinkedHashMap.class);
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).map(l -> l.replaceAll(".*:\\s*", ""))
          .findFirst().orElse("unknown CPU");
    } catch (java.io.IOException e) {
      return "unknown CPU";
    }
  }
}
