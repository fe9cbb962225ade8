package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A parameter the optimizer updates. Its gradient usually comes from autograd; a method that
 * computes a gradient itself (SLaSh with on-the-fly projections) overrides {@link #gradient}.
 */
public interface Trainable {
  String name();

  NDArray value();

  /** The gradient after backward, as an array owned by {@code scope}. */
  default NDArray gradient(NDManager scope) {
    return Scopes.in(scope, value().getGradient());
  }

  static Trainable of(String name, NDArray value) {
    return new Trainable() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public NDArray value() {
        return value;
      }
    };
  }
}
