package slash.djl;

import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's grad mode off for a block, restored after: {@code try (NoGrad g = NoGrad.enter())}.
 * Grad mode is thread-local in libtorch and on by default in every thread but the one DJL's
 * engine was loaded on, so code that runs on another thread (a JMH worker, a notebook cell's
 * executor) must not rely on it being off: there an in-place AdamW update of a leaf fails
 * ("a leaf Variable that requires grad is being used in an in-place operation") and an
 * inference forward records an autograd graph it never uses.
 */
public final class NoGrad implements AutoCloseable {
  private final boolean previous;

  private NoGrad() {
    previous = JniUtils.isGradMode();
    if (previous) {
      JniUtils.setGradMode(false);
    }
  }

  public static NoGrad enter() {
    return new NoGrad();
  }

  @Override
  public void close() {
    if (previous) {
      JniUtils.setGradMode(true);
    }
  }
}
