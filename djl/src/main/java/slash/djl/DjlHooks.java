package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import slash.core.model.EncoderHooks;

/**
 * The encoder's hook points on DJL: {@link EncoderHooks} over NDArrays, begun once per forward
 * pass with the step's scope.
 */
public interface DjlHooks extends EncoderHooks<NDArray, NDManager> {
  DjlHooks NONE = new DjlHooks() {};

  /** Hidden states [B, T, H] and the float attention mask [B, T] travelling together. */
  static Sequence<NDArray> sequence(NDArray hidden, NDArray mask) {
    return new Sequence<>(hidden, mask);
  }
}
