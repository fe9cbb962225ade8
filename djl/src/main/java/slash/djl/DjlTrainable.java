package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Function;

/**
 * A parameter the optimizer updates. Its gradient usually comes from autograd; a method that
 * computes a gradient itself (SLaSh with on-the-fly projections) passes it to {@link #of(String,
 * NDArray, Function)}.
 */
public interface DjlTrainable {
  String name();

  NDArray value();

  /** The gradient after backward, as an array owned by {@code scope}. */
  NDArray gradient(NDManager scope);

  /** A parameter whose gradient comes from autograd. */
  static DjlTrainable of(String name, NDArray value) {
    return of(name, value, scope -> DjlScopes.in(scope, value.getGradient()));
  }

  /** A parameter whose gradient {@code gradient} computes instead of autograd. */
  static DjlTrainable of(String name, NDArray value, Function<NDManager, NDArray> gradient) {
    return new DjlTrainable() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public NDArray value() {
        return value;
      }

      @Override
      public NDArray gradient(NDManager scope) {
        return gradient.apply(scope);
      }
    };
  }
}
