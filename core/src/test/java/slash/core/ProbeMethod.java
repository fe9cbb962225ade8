package slash.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import slash.core.io.FloatTensor;
import slash.core.io.Json;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderWeights;

/** A method for core's own tests (core sees no real method): one vector, no hooks. */
public record ProbeMethod(int d) implements MethodConfig {
  static {
    Json.registerSubtype("PROBE", ProbeMethod.class);
  }

  public ProbeMethod {
    MethodConfig.require(d > 0, "d", "must be positive, was " + d);
  }

  public static ProbeMethod of(int d) {
    return new ProbeMethod(d);
  }

  @Override
  public String label() {
    return "probe-d" + d;
  }

  @Override
  public Map<String, long[]> layout(EncoderConfig encoder) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put("probe.z", new long[] {d});
    return shapes;
  }

  @Override
  public Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state) {
    return Optional.empty();
  }
}
