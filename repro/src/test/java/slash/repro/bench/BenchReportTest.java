package slash.repro.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.repro.paper.PaperTables;

/**
 * The JMH report computes its ratios from the JSON JMH writes: numbers chosen so each ratio is
 * known by hand (errors propagated in quadrature), units converted, the paper's Table 5 ratios
 * beside ours, and the charts written.
 */
class BenchReportTest {
  @TempDir Path dir;

  private static String entry(String benchmark, String params, double score, Object error,
      String unit, Double peakGb) {
    return JmhJson.entry(benchmark, "avgt", params, score, error, unit, peakGb);
  }

  private BenchResults results() throws Exception {
    List<String> entries = new ArrayList<>();
    String epoch = "\"scale\": \"mini\", \"examples\": \"256\", ";
    entries.add(entry("EpochTime.epoch", epoch + "\"engine\": \"djl\", \"method\": \"full\"",
        12.0, 0.6, "s/op", 2.0));
    entries.add(entry("EpochTime.epoch", epoch + "\"engine\": \"djl\", \"method\": \"slash\"",
        6.0, 0.3, "s/op", 1.0));
    entries.add(entry("EpochTime.epoch", epoch + "\"engine\": \"dl4j\", \"method\": \"slash\"",
        9.0, "NaN", "s/op", 1.5));
    String fused = "\"scale\": \"mini\", \"length\": \"128\", \"batch\": \"8\", ";
    entries.add(entry("FusedLatency.logits", fused + "\"engine\": \"djl\", \"variant\": \"plain\"",
        200.0, 4.0, "ms/op", null));
    entries.add(entry("FusedLatency.logits", fused
        + "\"engine\": \"djl\", \"variant\": \"slash-fused\"", 202.0, 4.04, "ms/op", null));
    String step = "\"scale\": \"mini\", \"batch\": \"8\", \"length\": \"128\", "
        + "\"method\": \"slash\", ";
    entries.add(entry("TrainingStep.trainStep", step + "\"engine\": \"djl\"", 0.5, 0.0,
        "s/op", null));
    entries.add(entry("TrainingStep.forward", step + "\"engine\": \"djl\"", 250000.0, 0.0,
        "us/op", null));
    Path json = dir.resolve("jmh.json");
    Files.writeString(json, JmhJson.file(entries.toArray(String[]::new)));
    return BenchResults.read(json);
  }

  @Test
  void unitsAreConvertedToMillisecondsAndPeaksRead() throws Exception {
    BenchResults r = results();
    BenchResults.Row slash = r.find("EpochTime.epoch", row -> row.param("method").equals("slash")
        && row.param("engine").equals("djl")).orElseThrow();
    assertEquals(6000.0, slash.score(), 1e-9);
    assertEquals(1.0, slash.peakRssGb(), 1e-12);
    BenchResults.Row forward = r.of("TrainingStep.forward").get(0);
    assertEquals(250.0, forward.score(), 1e-9);
    assertTrue(Double.isNaN(r.find("EpochTime.epoch", row -> row.param("engine").equals("dl4j"))
        .orElseThrow().error()), "JMH writes one iteration's error as the string NaN");
  }

  @Test
  void summaryHasTheRatiosWorkedOutByHand() throws Exception {
    new BenchReport(results(), PaperTables.load(), Map.of("device", "test")).write(dir);
    String md = Files.readString(dir.resolve("summary.md"));
    // SLaSh / full: 6 / 12 = 0.50, error 0.5 * sqrt(0.05^2 + 0.05^2) = 0.035; memory 1 / 2;
    // the paper's RoBERTa-base ratios 558 / 1227 = 0.45 and 3.3 / 5.8 = 0.57
    assertTrue(md.contains("| slash | djl | 6.00 ± 0.30 | 1.00 | 0.50 ± 0.04 | 0.45 | 0.50 | 0.57 |"),
        md);
    // fused / plain: 202 / 200 = 1.010, error 1.01 * sqrt(2) * 0.02 = 0.029
    assertTrue(md.contains("djl batch 8: 1.010 ± 0.029;"), md);
    // step / forward: 500 ms over 250 ms
    assertTrue(md.contains("| slash | djl | 500.0 ± 0.0 | 250.0 ± 0.0 | 2.00 ± 0.00 |"), md);
    // DL4J / DJL: 9 / 6 = 1.50 with no error (one iteration), memory 1.5 / 1.0
    assertTrue(md.contains("| EpochTime.epoch | examples=256, method=slash | 1.50 ± n/a | 1.50 |"),
        md);
    assertTrue(md.contains("- device: test"), md);
    for (String chart : List.of("latency.png", "latency.svg", "memory.png", "memory.svg")) {
      assertTrue(Files.size(dir.resolve(chart)) > 1000, chart);
    }
  }
}
