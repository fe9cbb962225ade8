package slash.core.train;

import java.util.Map;
import slash.core.io.FloatTensor;

/** The part of a {@link TrainingSession} that only hands on to its model and optimizer. */
public abstract class SessionBase implements TrainingSession {
  protected abstract ModelState model();

  protected abstract OptimizerState optimizer();

  @Override
  public Map<String, FloatTensor> modelState() {
    return model().state();
  }

  @Override
  public void loadModel(Map<String, FloatTensor> state) {
    model().load(state);
  }

  @Override
  public Map<String, FloatTensor> optimizerState() {
    return optimizer().state();
  }

  @Override
  public void loadOptimizer(Map<String, FloatTensor> state) {
    optimizer().load(state);
  }

  @Override
  public int stepCount() {
    return optimizer().stepCount();
  }

  @Override
  public long trainableCount() {
    return model().trainableCount();
  }
}
