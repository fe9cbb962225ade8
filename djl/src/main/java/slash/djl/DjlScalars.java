package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for ops that autograd records. DJL's {@code NDArray.mul(Number)} (and div,
 * pow, maximum, ...) wraps the number in a tensor over a direct ByteBuffer and closes it right
 * after the op; autograd keeps that tensor for the backward pass, and once a garbage collection
 * frees the buffer, backward reads reused memory: NaN or a wrong finite gradient, at whatever step
 * the collection happens to fall. A tensor from {@code torch::full} owns its memory, so the graph
 * keeps it alive. Use these wherever a scalar multiplies or divides something with a gradient.
 */
public final class DjlScalars {
  private DjlScalars() {}

  /** A float32 scalar tensor owned by libtorch, in {@code scope}. */
  public static NDArray of(NDManager scope, double value) {
    return scope.full(new Shape(), (float) value);
  }

  public static NDArray times(NDArray x, double factor) {
    return x.mul(of(x.getManager(), factor));
  }

  public static NDArray dividedBy(NDArray x, double divisor) {
    return x.div(of(x.getManager(), divisor));
  }
}
