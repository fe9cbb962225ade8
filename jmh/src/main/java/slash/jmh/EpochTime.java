package slash.jmh;

import org.openjdk.jmh.annotations.Param;
import slash.core.method.MethodConfig;

/** Table 5's measurement: one training epoch of each of its rows (see {@link EpochBenchmark}). */
public class EpochTime extends EpochBenchmark {
  @Param({"full", "bitfit", "lora", "adapter", "warp", "slash", "slash:10000", "jr-warp"})
  public String method;

  @Override
  protected MethodConfig method() {
    return Fixtures.method(method);
  }
}
