package slash.core.privacy;

/**
 * A uniform mesh of {@code size} (even) nodes from {@code tMin} to {@code tMax}, and the total
 * shift applied to it so far; Opacus' and Microsoft's {@code Domain}.
 */
record PrvDomain(double tMin, double tMax, int size, double shifts) {
  PrvDomain {
    if (size % 2 != 0 || size < 2) {
      throw new IllegalArgumentException("domain size must be even and >= 2, was " + size);
    }
  }

  /**
   * The mesh aligned with the origin: nodes -k dt, ..., 0, ..., (k + 1) dt, 2 (k + 1) of them
   * (even, as the FFT composition needs) with node k = n / 2 - 1 at 0, which
   * {@link FourierComposer} rolls by; Opacus' aligned domain for [-k dt, k dt] with the node
   * it adds on the right.
   */
  static PrvDomain centred(long k, double dt) {
    if (2 * (k + 1) > Integer.MAX_VALUE) {
      throw new ArithmeticException("domain of " + 2 * (k + 1) + " nodes");
    }
    return new PrvDomain(-k * dt, (k + 1) * dt, (int) (2 * (k + 1)), 0.0);
  }

  double dt() {
    return (tMax - tMin) / (size - 1);
  }

  /** Node i (numpy.linspace). */
  double t(int i) {
    return i == size - 1 ? tMax : tMin + i * dt();
  }

  PrvDomain shiftRight(double by) {
    return new PrvDomain(tMin + by, tMax + by, size, shifts + by);
  }
}
