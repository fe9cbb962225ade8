package slash.core.method;

import java.util.Random;

/**
 * Initial values of a method's new tensors, seeded by (run seed, tensor name), so that both
 * engines start from the same numbers and each tensor has a stream of its own.
 */
public final class SeededInit {
  private SeededInit() {}

  public static Random random(long seed, String name) {
    return new Random(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
  }

  /** {@code n} draws of N(0, std^2). */
  public static float[] gaussian(int n, long seed, String name, double std) {
    Random random = random(seed, name);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextGaussian() * std);
    }
    return values;
  }

  /** {@code n} draws of U(-bound, bound). */
  public static float[] uniform(int n, long seed, String name, double bound) {
    Random random = random(seed, name);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return values;
  }
}
