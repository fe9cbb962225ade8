package slash.djl;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import slash.core.io.FloatTensor;

/**
 * One adaptation method on the DJL engine: which activations it changes (its hooks) and which
 * parameters train. What the method is (its tensors, init, folding) is its engine-neutral
 * MethodConfig; the training loop knows nothing else about methods.
 */
public interface DjlAdaptation extends DjlHooks, AutoCloseable {
  /** Parameters the optimizer updates (the task model adds the head and in-place weights). */
  List<DjlTrainable> trainables();

  /** Trainable state as tensors, for checkpoints (names are the same on every engine). */
  Map<String, FloatTensor> state();

  /** Restores {@link #state()} from a checkpoint, checking names and shapes. */
  void load(Map<String, FloatTensor> state);

  /** Parameter count of {@link #trainables()}. */
  default long trainableCount() {
    long total = 0;
    for (DjlTrainable t : trainables()) {
      total += t.value().size();
    }
    return total;
  }

  @Override
  default void close() {}

  /**
   * No new tensors, no hooks: the linear probe, and full finetuning and BitFit, whose encoder
   * weights the task model trains in place.
   */
  static DjlAdaptation none() {
    return new DjlAdaptation() {
      @Override
      public List<DjlTrainable> trainables() {
        return List.of();
      }

      @Override
      public Map<String, FloatTensor> state() {
        return Map.of();
      }

      @Override
      public void load(Map<String, FloatTensor> state) {}
    };
  }

  /** Creates a method's adaptation with its arrays under {@code manager}'s scope. */
  @FunctionalInterface
  interface Factory {
    DjlAdaptation create(NDManager manager);
  }
}
