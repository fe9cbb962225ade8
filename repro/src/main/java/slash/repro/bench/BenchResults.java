package slash.repro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A JMH JSON result file ({@code -rf json}) as rows: benchmark, parameters, score with its 99.9%
 * error (NaN with a single iteration), unit, and the {@code PeakMemoryProfiler}'s peaks in GB.
 */
public record BenchResults(List<BenchResults.Row> rows) {

  /** One parameter set of one benchmark. */
  public record Row(String benchmark, String mode, Map<String, String> params, double score,
      double error, String unit, double peakRssGb, double peakGpuGb) {

    public String param(String name) {
      return params.getOrDefault(name, "");
    }

    /** Score and error as a {@link Ratio} numerator or denominator. */
    public Ratio value() {
      return new Ratio(score, error);
    }

    /** Score and error in seconds. */
    public Ratio seconds() {
      return new Ratio(score / 1e3, error / 1e3);
    }
  }

  /** A value with its error; {@link #over} propagates relative errors in quadrature. */
  public record Ratio(double value, double error) {
    public Ratio over(Ratio other) {
      double r = value / other.value;
      double e = r * Math.sqrt(sq(error / value) + sq(other.error / other.value));
      return new Ratio(r, e);
    }

    private static double sq(double x) {
      return x * x;
    }
  }

  public static BenchResults read(Path json) {
    try {
      JsonNode root = new ObjectMapper().readTree(json.toFile());
      List<Row> rows = new ArrayList<>();
      for (JsonNode run : root) {
        Map<String, String> params = new LinkedHashMap<>();
        run.path("params").fields().forEachRemaining(e -> params.put(e.getKey(),
            e.getValue().asText()));
        JsonNode primary = run.path("primaryMetric");
        JsonNode secondary = run.path("secondaryMetrics");
        String name = run.path("benchmark").asText().replace("slash.jmh.", "");
        // every time in ms, whatever unit the run chose (-tu)
        double toMs = toMillis(primary.path("scoreUnit").asText());
        rows.add(new Row(name, run.path("mode").asText(), params,
            primary.path("score").asDouble(Double.NaN) * toMs,
            number(primary.path("scoreError")) * toMs, "ms/op", peak(secondary, "peak.rss"),
            peak(secondary, "peak.gpu")));
      }
      return new BenchResults(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JMH results " + json + ": " + e.getMessage(),
          e);
    }
  }

  static double toMillis(String unit) {
    return switch (unit) {
      case "s/op" -> 1e3;
      case "ms/op" -> 1;
      case "us/op" -> 1e-3;
      case "ns/op" -> 1e-6;
      default -> throw new IllegalArgumentException("unexpected JMH unit " + unit
          + " (the report reads time per operation)");
    };
  }

  private static double peak(JsonNode secondary, String label) {
    JsonNode node = secondary.has(label) ? secondary.path(label)
        : secondary.path(label + ".process");
    return node.isMissingNode() ? Double.NaN : node.path("score").asDouble(Double.NaN);
  }

  private static double number(JsonNode node) {
    return node.isNumber() ? node.asDouble() : Double.NaN; // JMH writes "NaN" as a string
  }

  public List<Row> of(String benchmark) {
    return rows.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
  }

  public Optional<Row> find(String benchmark, Predicate<Row> match) {
    return rows.stream().filter(r -> r.benchmark().equals(benchmark)).filter(match).findFirst();
  }
}
