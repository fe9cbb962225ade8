package slash.core.privacy;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * T-fold self-composition of a discrete PRV: the pmf of the sum of T independent copies is the
 * T-fold convolution, computed as irfft(rfft(pmf)^T) and rolled back so that node i is again
 * t_min + i dt, as Opacus' {@code _compose_fourier} and Microsoft's {@code Fourier} composer.
 *
 * <p>The transform length is the mesh length itself, as in Opacus, so that the convolution is
 * cyclic with the mesh's period (what wraps around is below delta_error). {@link PrvAccountant}
 * picks mesh lengths with no prime factor above 5, which JTransforms transforms by mixed radix;
 * for a length with a large prime factor (Opacus' lengths often have one) it would use
 * Bluestein's algorithm, several times slower with three arrays of twice the length.
 *
 * <p>FFT library: JTransforms (Wendykier; a Java port of Ooura's FFT with mixed-radix and
 * Bluestein transforms), rather than commons-math3's FastFourierTransformer: it transforms real
 * input in place (half the work and memory of a complex transform), in double throughout with
 * round-off of order 1e-16 log n, splits large transforms over threads (a 2^20-point real
 * transform takes tens of milliseconds), and takes any length (mixed radix 2, 3, 4, 5, else
 * Bluestein); commons-math3 takes powers of two only (so it could not keep Opacus' period), has
 * no real transform and works on Complex objects. Both are mature and quiet (JTransforms 3.1,
 * 2015; commons-math3 3.6.1, 2016); JTransforms brings only JLargeArrays and commons-math3.
 */
final class FourierComposer {
  private FourierComposer() {}

  static DiscretePrv selfCompose(DiscretePrv prv, int times) {
    if (times == 1) {
      return prv;
    }
    int n = prv.pmf().length;
    double[] a = prv.pmf().clone();
    DoubleFFT_1D fft = new DoubleFFT_1D(n);
    fft.realForward(a); // a[0] = F_0, a[1] = F_{n/2} (both real), a[2k], a[2k+1] = F_k
    a[0] = Math.pow(a[0], times);
    a[1] = Math.pow(a[1], times);
    for (int k = 1; k < n / 2; k++) {
      double re = a[2 * k];
      double im = a[2 * k + 1];
      // F_k^T in polar form; |F_k|^T from log |F_k|^2 (no hypot: it is slow and not needed,
      // as |F_k|^T underflows to 0 long before |F_k|^2 does)
      double modulus = Math.exp(0.5 * times * Math.log(re * re + im * im));
      double angle = times * Math.atan2(im, re);
      a[2 * k] = modulus * Math.cos(angle);
      a[2 * k + 1] = modulus * Math.sin(angle);
    }
    fft.realInverse(a, true);
    // t = 0 is node n/2 - 1 of the aligned mesh, so a sum of T nodes with index sum s sits at
    // t_min + (s - (T - 1)(n/2 - 1)) dt: roll by -(T - 1)(n/2 - 1) mod n, which is Opacus'
    // roll of T - 1 (+ n/2 when T is even)
    int roll = (int) Math.floorMod(-(times - 1L) * (n / 2 - 1), (long) n);
    double[] rolled = new double[n];
    System.arraycopy(a, 0, rolled, roll, n - roll);
    System.arraycopy(a, n - roll, rolled, 0, roll);
    PrvDomain mesh = prv.domain();
    return new DiscretePrv(rolled, mesh.shiftRight(mesh.shifts() * (times - 1)));
  }
}
