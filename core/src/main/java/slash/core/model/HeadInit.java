package slash.core.model;

import java.util.Random;

/** The task head's initial weights, as Hugging Face draws them: N(0, 0.02), zero bias. */
public final class HeadInit {
  public static final String WEIGHT = "classifier.weight";
  public static final String BIAS = "classifier.bias";

  private HeadInit() {}

  /** Row-major [outputs, hidden], the same on every engine for the same seed. */
  public static float[] weights(int outputs, int hidden, long seed) {
    Random random = new Random(seed ^ 0x5EEDL);
    float[] w = new float[outputs * hidden];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (random.nextGaussian() * 0.02);
    }
    return w;
  }
}
