package slash.core.train;

import java.util.Map;
import slash.core.io.FloatTensor;

/** An engine's optimizer as a checkpoint sees it: moments and step count, by parameter name. */
public interface OptimizerState {
  Map<String, FloatTensor> state();

  void load(Map<String, FloatTensor> state);

  int stepCount();
}
