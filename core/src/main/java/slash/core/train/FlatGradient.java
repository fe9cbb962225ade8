package slash.core.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * A gradient as {@link BatchGradient} and DP-SGD hold it: every trainable tensor's values, one
 * after another in the session's trainable order. Engines flatten their per-tensor gradients into
 * it ({@link #concat}) and cut a noised one back into tensors ({@link #split}).
 */
public final class FlatGradient {
  private FlatGradient() {}

  /** The tensors' values, flat, in the order given. */
  public static float[] concat(List<float[]> tensors) {
    FloatBuffer flat = FloatBuffer.allocate(tensors.stream().mapToInt(t -> t.length).sum());
    tensors.forEach(flat::put);
    return flat.array();
  }

  /** {@code flat} cut into tensors of {@code sizes} values; it must hold exactly their sum. */
  public static List<float[]> split(float[] flat, long[] sizes) {
    long total = LongStream.of(sizes).sum();
    if (total != flat.length) {
      throw new IllegalArgumentException("gradient has " + flat.length + " values, the "
          + "parameters " + total);
    }
    FloatBuffer values = FloatBuffer.wrap(flat);
    List<float[]> tensors = new ArrayList<>(sizes.length);
    for (long size : sizes) {
      float[] tensor = new float[Math.toIntExact(size)];
      values.get(tensor);
      tensors.add(tensor);
    }
    return tensors;
  }
}
