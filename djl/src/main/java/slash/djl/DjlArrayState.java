package slash.djl;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import slash.core.io.FloatTensor;

/** Named arrays to and from checkpoint state, names and shapes checked on load. */
public final class DjlArrayState {
  private DjlArrayState() {}

  public static Map<String, FloatTensor> save(Map<String, NDArray> arrays) {
    Map<String, FloatTensor> state = new LinkedHashMap<>();
    arrays.forEach((name, array) -> state.put(name,
        FloatTensor.of(array.toFloatArray(), array.getShape().getShape())));
    return state;
  }

  public static void load(Map<String, NDArray> arrays, Map<String, FloatTensor> state) {
    arrays.forEach((name, array) ->
        array.set(FloatTensor.require(state, name, array.getShape().getShape()).data()));
  }
}
