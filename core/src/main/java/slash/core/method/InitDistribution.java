package slash.core.method;

import slash.core.projection.Distribution;

/**
 * A method whose new tensors are drawn from a distribution a paper row picks (the init column of
 * Tables 10-14, N or U), so the full-scale plan can set it without knowing the method's record.
 */
public interface InitDistribution {
  Distribution distribution();

  /** This config drawing from {@code distribution}, every other knob kept. */
  MethodConfig withDistribution(Distribution distribution);

  /** {@code method} drawing from {@code distribution}; refused for a method that draws nothing. */
  static MethodConfig set(MethodConfig method, Distribution distribution) {
    if (method instanceof InitDistribution drawn) {
      return drawn.withDistribution(distribution);
    }
    throw new IllegalArgumentException(method.label() + " has no init distribution to set to "
        + distribution);
  }
}
