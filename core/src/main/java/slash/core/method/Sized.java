package slash.core.method;

/**
 * A method sized by the one number its table rows name: SLaSh's and JR-WARP's d, LoRA's rank, the
 * adapter's bottleneck, WARP's prompt count. Tables set it where the paper ties it to the model
 * (d = hidden, d = layers x hidden), benchmarks from {@code id:N}, and with the method's registry
 * id it keys the paper's hyperparameter tables; none of them needs to know the method's record.
 */
public interface Sized {
  int size();

  /** This config with its size set, every other knob kept. */
  MethodConfig withSize(int size);
}
