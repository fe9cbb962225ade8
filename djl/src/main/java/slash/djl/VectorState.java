package slash.djl;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import slash.core.io.FloatTensor;

/** Checkpoint state of a method whose only trainable tensor is one named vector (z). */
final class VectorState {
  private VectorState() {}

  static Map<String, FloatTensor> save(String name, NDArray vector) {
    return Map.of(name, FloatTensor.of(vector.toFloatArray(), vector.getShape().getShape()));
  }

  static void load(String name, NDArray vector, Map<String, FloatTensor> state) {
    FloatTensor saved = state.get(name);
    if (saved == null || saved.data().length != vector.size()) {
      throw new IllegalArgumentException("checkpoint needs " + name + " of shape ["
          + vector.size() + "], has " + (saved == null ? "none" : saved.shapeString()));
    }
    vector.set(saved.data());
  }
}
