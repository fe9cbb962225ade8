package slash.core.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slash.core.io.FloatTensor;

/**
 * Adam's moments and step count under the checkpoint names every engine shares ({@code
 * adam.m.<parameter>}, {@code adam.v.<parameter>}, {@code adam.step}), so a run resumes on either.
 */
public record AdamState(Map<String, FloatTensor> first, Map<String, FloatTensor> second,
    int step) {
  private static final String FIRST = "adam.m.";
  private static final String SECOND = "adam.v.";
  private static final String STEP = "adam.step";

  public Map<String, FloatTensor> tensors() {
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    first.forEach((name, t) -> tensors.put(FIRST + name, t));
    second.forEach((name, t) -> tensors.put(SECOND + name, t));
    tensors.put(STEP, FloatTensor.of(new float[] {step}, 1));
    return tensors;
  }

  /** The state of {@code parameters} from a checkpoint; names what is missing. */
  public static AdamState read(Map<String, FloatTensor> checkpoint, List<String> parameters) {
    Map<String, FloatTensor> first = new LinkedHashMap<>();
    Map<String, FloatTensor> second = new LinkedHashMap<>();
    for (String name : parameters) {
      first.put(name, require(checkpoint, FIRST + name));
      second.put(name, require(checkpoint, SECOND + name));
    }
    return new AdamState(first, second, (int) require(checkpoint, STEP).data()[0]);
  }

  private static FloatTensor require(Map<String, FloatTensor> checkpoint, String name) {
    FloatTensor t = checkpoint.get(name);
    if (t == null) {
      throw new IllegalArgumentException("resume checkpoint has no " + name);
    }
    return t;
  }
}
