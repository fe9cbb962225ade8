package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import slash.core.io.FloatTensor;

/**
 * One adaptation method on the DJL engine: which activations it changes (its hooks), which
 * parameters train, and how it folds into the encoder for inference. The trainer knows nothing else
 * about methods.
 */
public interface Adaptation extends EncoderHooks, AutoCloseable {
  /** Parameters the optimizer updates (the head is added by the task model). */
  List<Trainable> trainables();

  /** Trainable state as tensors, for checkpoints (names are the same on every engine). */
  Map<String, FloatTensor> state();

  /** Restores {@link #state()} from a checkpoint, checking names and shapes. */
  void load(Map<String, FloatTensor> state);

  /**
   * The encoder with this method folded in, for hook-free inference; {@code null} when the method
   * cannot fold (prompts add positions).
   */
  default DjlEncoder fuse(DjlEncoder encoder, NDManager scope) {
    return null;
  }

  /** Parameter count of {@link #trainables()}. */
  default long trainableCount() {
    long total = 0;
    for (Trainable t : trainables()) {
      total += t.value().size();
    }
    return total;
  }

  static float[] floats(NDArray array) {
    return array.toFloatArray();
  }

  @Override
  default void close() {}
}
