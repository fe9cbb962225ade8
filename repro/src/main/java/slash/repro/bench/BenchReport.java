package slash.repro.bench;

import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import slash.core.io.AtomicFiles;
import slash.repro.bench.BenchResults.Ratio;
import slash.repro.bench.BenchResults.Row;
import slash.repro.paper.PaperCell;
import slash.repro.paper.PaperTables;

/**
 * {@code results/jmh/summary.md} and the charts from a JMH JSON file: Table 5 (epoch time and
 * peak memory per method, each over full finetuning, beside the paper's RoBERTa-base ratios), the
 * fused-inference latencies (fused SLaSh over the plain encoder, with its error), the training
 * step over the forward pass, QNLI inference, projection storage, and DL4J over DJL.
 */
public final class BenchReport {
  /** Registry id of each Table 5 row, and the paper's row label (RoBERTa-base part). */
  static final Map<String, String> TABLE5_ROWS = new LinkedHashMap<>();

  static {
    TABLE5_ROWS.put("full", "Finetuning");
    TABLE5_ROWS.put("bitfit", "BitFit");
    TABLE5_ROWS.put("lora", "LoRA [rank = 1]");
    TABLE5_ROWS.put("adapter", "Adapter [m = 1]");
    TABLE5_ROWS.put("warp", "WARP_20");
    TABLE5_ROWS.put("slash", "Ours [d = 5K]");
    TABLE5_ROWS.put("jr-warp", null);
  }

  private final BenchResults results;
  private final PaperTables paper;
  private final Map<String, String> provenance;

  public BenchReport(BenchResults results, PaperTables paper, Map<String, String> provenance) {
    this.results = results;
    this.paper = paper;
    this.provenance = provenance;
  }

  /** Writes summary.md, latency.{png,svg}, memory.{png,svg} into {@code dir}. */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      AtomicFiles.writeString(dir.resolve("summary.md"), markdown());
      chart(dir, "latency", latencyChart());
      chart(dir, "memory", memoryChart());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark report into " + dir, e);
    }
  }

  public String markdown() {
    StringBuilder md = new StringBuilder("# JMH benchmarks\n\n");
    md.append("Raw results: `jmh.json` (JMH's own JSON). Scores are JMH's mean with its 99.9% "
        + "error (\"n/a\" with one iteration); memory is the `slash.jmh.PeakMemoryProfiler`'s "
        + "peak RSS of the measured iterations, in GB (2^30 bytes).\n\n");
    provenance.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v)
        .append('\n'));
    md.append('\n');
    table5(md);
    fused(md);
    step(md);
    qnli(md);
    storage(md);
    engines(md);
    return md.toString();
  }

  private Set<String> engines() {
    Set<String> engines = new LinkedHashSet<>();
    results.rows().forEach(r -> {
      if (!r.param("engine").isEmpty()) {
        engines.add(r.param("engine"));
      }
    });
    return engines;
  }

  private void table5(StringBuilder md) {
    List<Row> rows = results.of("EpochTime.epoch");
    if (rows.isEmpty()) {
      return;
    }
    md.append("## Table 5: one training epoch (EpochTime)\n\n");
    md.append("Batch 8, dynamic padding, ").append(rows.get(0).param("examples"))
        .append(" examples of the task slice. Ratios over full finetuning on the same engine; "
            + "the paper's are RoBERTa-base on a GPU (whole QNLI epoch).\n\n");
    md.append("| method | engine | epoch (s) | peak RSS (GB) | time / full | paper | "
        + "memory / full | paper |\n|---|---|---|---|---|---|---|---|\n");
    for (String engine : engines()) {
      Optional<Row> full = results.find("EpochTime.epoch", r -> r.param("engine").equals(engine)
          && r.param("method").equals("full"));
      for (Row r : rows) {
        if (!r.param("engine").equals(engine)) {
          continue;
        }
        String method = r.param("method");
        String label = TABLE5_ROWS.containsKey(method) ? TABLE5_ROWS.get(method) : null;
        md.append("| ").append(method).append(" | ").append(engine).append(" | ")
            .append(withError(r.seconds(), 2)).append(" | ").append(gb(r.peakRssGb()))
            .append(" | ")
            .append(full.map(f -> withError(r.value().over(f.value()), 2)).orElse("-"))
            .append(" | ").append(paperRatio(label, "Time (s)")).append(" | ")
            .append(full.map(f -> fmt(r.peakRssGb() / f.peakRssGb(), 2)).orElse("-"))
            .append(" | ").append(paperRatio(label, "Memory (GB)")).append(" |\n");
      }
    }
    md.append("\nTargets (issue 16): SLaSh / full finetuning epoch time <= 0.40 and peak memory "
        + "<= 0.5 (paper, RoBERTa-base: ")
        .append(paperRatio("Ours [d = 5K]", "Time (s)")).append(" and ")
        .append(paperRatio("Ours [d = 5K]", "Memory (GB)")).append(").\n\n");
  }

  private String paperRatio(String row, String column) {
    if (row == null) {
      return "-";
    }
    Optional<PaperCell> cell = paper.cell("5", "roberta-base", row, column);
    Optional<PaperCell> full = paper.cell("5", "roberta-base", "Finetuning", column);
    return cell.isPresent() && full.isPresent()
        ? fmt(cell.get().value() / full.get().value(), 2) : "-";
  }

  private void fused(StringBuilder md) {
    List<Row> rows = results.of("FusedLatency.logits");
    if (rows.isEmpty()) {
      return;
    }
    md.append("## Inference latency (FusedLatency)\n\n");
    md.append("One batch of ").append(rows.get(0).param("length")).append(" tokens a row, "
        + "every row full. Ratio over the plain encoder on the same engine and batch.\n\n");
    md.append("| variant | engine | batch | ms / batch | / plain |\n|---|---|---|---|---|\n");
    for (Row r : rows) {
      Optional<Row> plain = plain(r);
      md.append("| ").append(r.param("variant")).append(" | ").append(r.param("engine"))
          .append(" | ").append(r.param("batch")).append(" | ").append(withError(r.value(), 2))
          .append(" | ").append(plain.map(p -> withError(r.value().over(p.value()), 3))
              .orElse("-")).append(" |\n");
    }
    md.append("\n\n**Fused SLaSh / plain encoder** (paper: no extra cost; target within 2%):");
    for (Row r : rows) {
      if (r.param("variant").equals("slash-fused")) {
        plain(r).ifPresent(p -> md.append(" ").append(r.param("engine")).append(" batch ")
            .append(r.param("batch")).append(": ").append(withError(r.value().over(p.value()),
                3)).append(";"));
      }
    }
    md.append("\n\n");
  }

  private Optional<Row> plain(Row r) {
    return results.find("FusedLatency.logits", p -> p.param("variant").equals("plain")
        && p.param("engine").equals(r.param("engine"))
        && p.param("batch").equals(r.param("batch")));
  }

  private void step(StringBuilder md) {
    List<Row> steps = results.of("TrainingStep.trainStep");
    if (steps.isEmpty()) {
      return;
    }
    md.append("## Training step vs forward (TrainingStep)\n\n");
    md.append("Fixed shape ").append(steps.get(0).param("batch")).append(" x ")
        .append(steps.get(0).param("length")).append(", every row full. Target: SLaSh step "
            + "<= 1.8x the forward.\n\n");
    md.append("| method | engine | step (ms) | forward (ms) | step / forward |\n"
        + "|---|---|---|---|---|\n");
    for (Row s : steps) {
      Optional<Row> f = results.find("TrainingStep.forward", r -> r.params().equals(s.params()));
      md.append("| ").append(s.param("method")).append(" | ").append(s.param("engine"))
          .append(" | ").append(withError(s.value(), 1)).append(" | ")
          .append(f.map(r -> withError(r.value(), 1)).orElse("-")).append(" | ")
          .append(f.map(r -> withError(s.value().over(r.value()), 2)).orElse("-"))
          .append(" |\n");
    }
    md.append('\n');
  }

  private void qnli(StringBuilder md) {
    List<Row> rows = results.of("QnliInference.pass");
    if (rows.isEmpty()) {
      return;
    }
    md.append("## QNLI inference (QnliInference)\n\n");
    md.append("Examples: ").append(rows.get(0).param("examples").equals("0") ? "all 5,463"
        : rows.get(0).param("examples")).append(", batch ").append(rows.get(0).param("batch"))
        .append(", each method's inference model (folded where it folds). Paper: 13.9-14.5 s "
            + "(RoBERTa-base), 39.7-40.8 s (large) for the 5,463, \"similar for all "
            + "methods\".\n\n");
    md.append("| method | engine | pass (s) | peak RSS (GB) |\n|---|---|---|---|\n");
    for (Row r : rows) {
      md.append("| ").append(r.param("method")).append(" | ").append(r.param("engine"))
          .append(" | ").append(withError(r.seconds(), 2)).append(" | ").append(gb(r.peakRssGb()))
          .append(" |\n");
    }
    md.append('\n');
  }

  private void storage(StringBuilder md) {
    List<Row> rows = results.of("ProjectionStorage.epoch");
    if (rows.isEmpty()) {
      return;
    }
    md.append("## SLaSh projections stored vs on the fly (ProjectionStorage)\n\n");
    md.append("Paper (on the fly / stored): memory 3.1 / 3.3 GB = 0.94 (RoBERTa-base), 8.3 / 9.3 "
        + "GB = 0.89 (large), training time \"not significantly\" changed.\n\n");
    md.append("| storage | engine | d | epoch (s) | peak RSS (GB) | time / stored | "
        + "memory / stored |\n|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      Optional<Row> stored = results.find("ProjectionStorage.epoch",
          s -> s.param("storage").equals("stored") && s.param("engine").equals(r.param("engine"))
              && s.param("d").equals(r.param("d")));
      md.append("| ").append(r.param("storage")).append(" | ").append(r.param("engine"))
          .append(" | ").append(r.param("d")).append(" | ").append(withError(r.seconds(), 2))
          .append(" | ").append(gb(r.peakRssGb())).append(" | ")
          .append(stored.map(s -> withError(r.value().over(s.value()), 2)).orElse("-"))
          .append(" | ").append(stored.map(s -> fmt(r.peakRssGb() / s.peakRssGb(), 2))
              .orElse("-")).append(" |\n");
    }
    md.append('\n');
  }

  private void engines(StringBuilder md) {
    List<String> lines = new ArrayList<>();
    for (Row r : results.rows()) {
      if (!r.param("engine").equals("dl4j")) {
        continue;
      }
      Map<String, String> djl = new LinkedHashMap<>(r.params());
      djl.put("engine", "djl");
      results.find(r.benchmark(), o -> o.params().equals(djl)).ifPresent(o -> {
        Map<String, String> rest = new LinkedHashMap<>(r.params());
        rest.remove("engine");
        rest.remove("scale");
        lines.add("| " + r.benchmark() + " | " + rest.toString().replaceAll("[{}]", "")
            + " | " + withError(r.value().over(o.value()), 2) + " | "
            + fmt(r.peakRssGb() / o.peakRssGb(), 2) + " |");
      });
    }
    if (lines.isEmpty()) {
      return;
    }
    md.append("## DL4J / DJL\n\nTime and peak RSS on SameDiff over PyTorch's, same benchmark "
        + "and parameters (memory \"-\" where the run had no profiler). Targets (issue 18): "
        + "training step <= 1.5, forward <= 1.2, SLaSh peak RSS <= 2.\n\n"
        + "| benchmark | parameters | time dl4j / djl | memory dl4j / djl |\n|---|---|---|---|\n");
    lines.forEach(l -> md.append(l).append('\n'));
    md.append('\n');
  }

  JFreeChart latencyChart() {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    String batch = results.of("FusedLatency.logits").stream().map(r -> r.param("batch"))
        .reduce((a, b) -> b).orElse("");
    for (Row r : results.of("FusedLatency.logits")) {
      if (r.param("batch").equals(batch)) {
        data.addValue(r.score(), r.param("engine"), r.param("variant"));
      }
    }
    return bars("Inference latency, batch " + batch + " (ms per batch)", "ms", data);
  }

  JFreeChart memoryChart() {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Row r : results.of("EpochTime.epoch")) {
      if (!Double.isNaN(r.peakRssGb())) {
        data.addValue(r.peakRssGb(), r.param("engine"), r.param("method"));
      }
    }
    return bars("Peak RSS of a training epoch (GB)", "GB", data);
  }

  private static JFreeChart bars(String title, String axis, DefaultCategoryDataset data) {
    JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data,
        PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
    chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
    return chart;
  }

  private static void chart(Path dir, String name, JFreeChart chart) throws IOException {
    int width = 900;
    int height = 500;
    Path png = dir.resolve(name + ".png");
    ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
    SVGGraphics2D svg = new SVGGraphics2D(width, height);
    chart.draw(svg, new Rectangle(0, 0, width, height));
    AtomicFiles.writeString(dir.resolve(name + ".svg"), svg.getSVGDocument());
  }

  static String withError(Ratio r, int digits) {
    String v = fmt(r.value(), digits);
    return Double.isNaN(r.error()) ? v + " ± n/a" : v + " ± " + fmt(r.error(), digits);
  }

  static String gb(double value) {
    return Double.isNaN(value) ? "-" : fmt(value, 2);
  }

  static String fmt(double value, int digits) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + digits + "f", value) : "-";
  }
}
