package slash.core.io;

import java.util.Arrays;
import java.util.Map;

/** A dense float32 tensor, row-major: the exchange format between files and engines. */
public record FloatTensor(long[] shape, float[] data) {
  public FloatTensor {
    long size = 1;
    for (long dim : shape) {
      size *= dim;
    }
    if (size != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size
          + " values, got " + data.length);
    }
  }

  public static FloatTensor of(float[] data, long... shape) {
    return new FloatTensor(shape, data);
  }

  /** The tensor {@code name} of a checkpoint state, which must have {@code shape}. */
  public static FloatTensor require(Map<String, FloatTensor> state, String name, long[] shape) {
    FloatTensor saved = state.get(name);
    if (saved == null || !Arrays.equals(saved.shape, shape)) {
      throw new IllegalArgumentException("checkpoint needs " + name + " of shape "
          + Arrays.toString(shape) + ", has " + (saved == null ? "none" : saved.shapeString()));
    }
    return saved;
  }

  public int rank() {
    return shape.length;
  }

  /** Swaps the two axes of a matrix (ONNX MatMul stores [in, out]; Hugging Face Linear [out, in]). */
  public FloatTensor transpose2d() {
    if (shape.length != 2) {
      throw new IllegalArgumentException("transpose2d needs a matrix, shape is "
          + Arrays.toString(shape));
    }
    int rows = (int) shape[0];
    int cols = (int) shape[1];
    float[] out = new float[data.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = data[r * cols + c];
      }
    }
    return new FloatTensor(new long[] {cols, rows}, out);
  }

  public String shapeString() {
    return Arrays.toString(shape);
  }
}
