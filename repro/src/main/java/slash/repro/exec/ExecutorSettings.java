package slash.repro.exec;

import java.util.Map;

/**
 * What {@code repro} passes an executor: {@code --master}, {@code --conf key=value}, whether the
 * task files travel with the job ({@code --ship-data}) and {@code --verbose}.
 */
public record ExecutorSettings(String master, Map<String, String> conf, boolean shipData,
    boolean verbose) {
  public ExecutorSettings {
    conf = Map.copyOf(conf);
  }

  public static ExecutorSettings defaults() {
    return new ExecutorSettings(null, Map.of(), false, false);
  }
}
