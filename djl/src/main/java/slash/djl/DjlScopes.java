package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * DJL puts an op's result in its first operand's manager. When that operand is a long-lived
 * parameter the result would live as long as the model: move it into the step's scope instead.
 */
public final class DjlScopes {
  private DjlScopes() {}

  public static NDArray in(NDManager scope, NDArray array) {
    array.attach(scope);
    return array;
  }
}
