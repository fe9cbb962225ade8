package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A parameter the optimizer updates. Its gradient usually comes from autograd; a method that
 * computes a gradient itself (SLaSh with on-the-fly projections) overrides {@link #gradient}.
 */
public interface DjlTrainable {
  String name();

  NDArray value();

  /** The gradient after backward, as an array owned by {@code scope}. */
  default NDArray gradient(NDManager scope) {
    return DjlScopes.in(scope, value().getGradient());
  }

  static DjlTrainable of(String name, NDArray value) {
    return new DjlTrainable() {
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
