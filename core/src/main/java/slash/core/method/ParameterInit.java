package slash.core.method;

import java.util.Random;
import slash.core.config.MethodConfig;

/**
 * Initial values of the baselines' new tensors, seeded by (run seed, tensor name) so that both
 * engines start from the same numbers: LoRA A Kaiming-uniform and B zero (Hu et al., 2022);
 * adapters near identity, N(0, 0.01) weights and zero biases (Houlsby et al., 2019); WARP prompts
 * N(0, 1), the scale of the LayerNormed embeddings they sit beside.
 */
public final class ParameterInit {
  static final double ADAPTER_STD = 0.01;

  private ParameterInit() {}

  /** Row-major values for the tensor {@code name} of {@code shape}. */
  public static float[] values(MethodConfig method, String name, long[] shape, long seed) {
    int n = Math.toIntExact(TrainableLayout.elements(shape));
    Random random = new Random(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
    float[] values = new float[n];
    switch (method.method()) {
      case LORA -> {
        if (name.endsWith("lora_A.weight")) {
          // kaiming_uniform_(a = sqrt 5) on [r, in]: U(-1/sqrt(in), 1/sqrt(in))
          double bound = 1 / Math.sqrt(shape[1]);
          for (int i = 0; i < n; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
          }
        }
      }
      case ADAPTER -> {
        if (name.endsWith(".weight")) {
          fillGaussian(values, random, ADAPTER_STD);
        }
      }
      case WARP -> fillGaussian(values, random, 1.0);
      default -> throw new IllegalArgumentException(method.method().id()
          + " initialises its tensors itself; ParameterInit covers the baselines' new tensors");
    }
    return values;
  }

  private static void fillGaussian(float[] values, Random random, double std) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * std);
    }
  }
}
