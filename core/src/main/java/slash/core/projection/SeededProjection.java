package slash.core.projection;

import java.util.stream.IntStream;

/**
 * The fixed random projections W_l (rows = activation size d'_l, columns = d) and the initial z of
 * SLaSh and JR-WARP, generated from a seed alone.
 *
 * <p>Every entry is a pure function of (seed, layer, row, column): a counter-based generator
 * (SplitMix64 hashing, Box-Muller with {@link StrictMath}) rather than a stateful RNG stream. So the
 * same seed gives bit-identical matrices on every engine, JVM and run, and any row can be
 * regenerated without the rest of the matrix: W need never be stored (paper Section 2, "these
 * matrices can also be generated on the fly").
 */
public final class SeededProjection {
  /** Layer index used for the stream of z's initial values. */
  private static final int Z_STREAM = -1;

  private final long seed;
  private final Distribution distribution;
  private final InitScheme scheme;
  private final int d;

  public SeededProjection(long seed, Distribution distribution, InitScheme scheme, int d) {
    if (d <= 0) {
      throw new IllegalArgumentException("d must be positive, was " + d);
    }
    this.seed = seed;
    this.distribution = distribution;
    this.scheme = scheme;
    this.d = d;
  }

  public int d() {
    return d;
  }

  public InitScheme scheme() {
    return scheme;
  }

  /** Entry (row, col) of W_layer. */
  public float weight(int layer, int row, int col) {
    if (scheme == InitScheme.IDENTITY_W) {
      return row == col ? 1f : 0f;
    }
    return sample(layer, row, col);
  }

  /** Row {@code row} of W_layer, length d. */
  public float[] row(int layer, int row) {
    float[] out = new float[d];
    for (int c = 0; c < d; c++) {
      out[c] = weight(layer, row, c);
    }
    return out;
  }

  /** W_layer as a row-major {@code [rows, d]} array. */
  public float[] matrix(int layer, int rows) {
    checkRows(rows);
    float[] out = new float[rows * d];
    IntStream.range(0, rows).parallel().forEach(r -> {
      for (int c = 0; c < d; c++) {
        out[r * d + c] = weight(layer, r, c);
      }
    });
    return out;
  }

  /** The initial z (zeros for {@link InitScheme#ZERO_Z}). */
  public float[] initialZ() {
    float[] z = new float[d];
    if (scheme != InitScheme.ZERO_Z) {
      for (int i = 0; i < d; i++) {
        z[i] = sample(Z_STREAM, 0, i);
      }
    }
    return z;
  }

  /** W_layer z computed row by row, never holding W: the on-the-fly forward. */
  public float[] project(int layer, int rows, float[] z) {
    checkRows(rows);
    float[] out = new float[rows];
    IntStream.range(0, rows).parallel().forEach(r -> {
      double sum = 0;
      for (int c = 0; c < d; c++) {
        sum += (double) weight(layer, r, c) * z[c];
      }
      out[r] = (float) sum;
    });
    return out;
  }

  /** Adds W_layer^T g into {@code into} (length d), row by row: the on-the-fly backward for z. */
  public void addTransposed(int layer, float[] g, float[] into) {
    int rows = g.length;
    checkRows(rows);
    double[] acc = new double[d];
    for (int r = 0; r < rows; r++) {
      float gr = g[r];
      if (gr == 0f) {
        continue;
      }
      for (int c = 0; c < d; c++) {
        acc[c] += (double) weight(layer, r, c) * gr;
      }
    }
    for (int c = 0; c < d; c++) {
      into[c] += (float) acc[c];
    }
  }

  private void checkRows(int rows) {
    if (scheme == InitScheme.IDENTITY_W && rows != d) {
      throw new IllegalArgumentException("W = I needs d (" + d + ") equal to the activation size ("
          + rows + ")");
    }
  }

  private float sample(int layer, int row, int col) {
    long key = mix(mix(mix(seed) ^ layer) ^ (((long) row << 32) | (col & 0xffffffffL)));
    double u1 = ((mix(key) >>> 11) + 1) * 0x1.0p-53; // (0, 1]
    double u2 = (mix(key ^ 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53; // [0, 1)
    double value = switch (distribution) {
      case NORMAL -> StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2)
          / StrictMath.sqrt(d);
      case UNIFORM -> (u2 - 0.5) / StrictMath.sqrt(d / 12.0);
    };
    return (float) value;
  }

  /** SplitMix64's finaliser: a bijective 64-bit mixer. */
  static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
