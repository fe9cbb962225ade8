package slash.repro.bench;

/** One result of JMH's JSON output ({@code -rf json}), as the tests' fixture writes it. */
public final class JmhJson {
  private JmhJson() {}

  /**
   * A benchmark's entry: {@code params} is the inside of JMH's params object ({@code "engine":
   * "djl", ...}); {@code error} a number or JMH's "NaN" string; {@code peakGb} the peak-RSS
   * profiler's secondary metric, or null for none.
   */
  public static String entry(String benchmark, String mode, String params, double score,
      Object error, String unit, Double peakGb) {
    String peak = peakGb == null ? "{}"
        : "{\"peak.rss\": {\"score\": " + peakGb + ", \"scoreUnit\": \"GB\"}}";
    String err = error instanceof String ? "\"" + error + "\"" : String.valueOf(error);
    return "{\"benchmark\": \"slash.jmh." + benchmark + "\", \"mode\": \"" + mode
        + "\", \"params\": {" + params + "}, \"primaryMetric\": {\"score\": " + score
        + ", \"scoreError\": " + err + ", \"scoreUnit\": \"" + unit + "\"}, "
        + "\"secondaryMetrics\": " + peak + "}";
  }

  /** Table 5's measurement, EpochTime at mini scale over 256 examples. */
  public static String epochTime(String engine, String method, double seconds, Object error,
      Double peakGb) {
    return entry("EpochTime.epoch", "ss", "\"engine\": \"" + engine + "\", \"method\": \""
        + method + "\", \"scale\": \"mini\", \"examples\": \"256\"", seconds, error, "s/op",
        peakGb);
  }

  /** The file JMH writes: every entry in one array. */
  public static String file(String... entries) {
    return "[" + String.join(",", entries) + "]";
  }
}
