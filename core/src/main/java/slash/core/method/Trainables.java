package slash.core.method;

import slash.core.model.EncoderConfig;

/** Parameter counts from a method's layout alone: what the paper's tables report. */
public final class Trainables {
  private Trainables() {}

  /** Trainable parameters of the method plus a linear head with {@code outputs} outputs. */
  public static long count(MethodConfig method, EncoderConfig encoder, int outputs) {
    method.validate(encoder);
    long total = (long) outputs * (encoder.hidden() + 1);
    for (long[] shape : method.layout(encoder).values()) {
      total += elements(shape);
    }
    return total;
  }

  public static long elements(long[] shape) {
    long n = 1;
    for (long dim : shape) {
      n *= dim;
    }
    return n;
  }
}
