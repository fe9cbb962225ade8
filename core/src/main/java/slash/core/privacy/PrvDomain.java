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
   * The mesh aligned with the origin covering [tMin, tMax] with step dt: ends rounded outwards
   * to multiples of dt, one node added on the right when the count is odd (the FFT composition
   * needs an even length and a node at 0).
   */
  static PrvDomain aligned(double tMin, double tMax, double dt) {
    double lo = Math.floor(tMin / dt) * dt;
    double hi = Math.ceil(tMax / dt) * dt;
    long size = Math.round((hi - lo) / dt) + 1;
    if (size % 2 == 1) {
      size += 1;
      hi += dt;
    }
    if (size > Integer.MAX_VALUE) {
      throw new ArithmeticException("domain of " + size + " nodes");
    }
    PrvDomain domain = new PrvDomain(lo, hi, (int) size, 0.0);
    if (Math.abs(domain.dt() - dt) / dt >= 1e-8) {
      throw new ArithmeticException("aligned mesh step " + domain.dt() + " is not " + dt);
    }
    return domain;
  }

  static long alignedSize(double tMin, double tMax, double dt) {
    long size = Math.round((Math.ceil(tMax / dt) * dt - Math.floor(tMin / dt) * dt) / dt) + 1;
    return size + (size % 2);
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
