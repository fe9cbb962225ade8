package slash.core.train;

import java.util.Map;
import slash.core.io.FloatTensor;

/** An engine's task model as a checkpoint sees it: named trainable tensors. */
public interface ModelState {
  /** The trainable tensors (method + in-place encoder weights + head). */
  Map<String, FloatTensor> state();

  /** Restores {@link #state()}, checking names and shapes. */
  void load(Map<String, FloatTensor> state);

  long trainableCount();
}
