package slash.core.privacy;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * T-fold self-composition of a discrete PRV: the pmf of the sum of T independent copies is the
 * T-fold convolution, computed as irfft(rfft(pmf)^T) on the same mesh and rolled back into place,
 * as Opacus' {@code _compose_fourier} and Microsoft's {@code Fourier} composer. The convolution is
 * cyclic with the mesh length; the domain is wide enough that what wraps around is below
 * delta_error.
 *
 * <p>FFT: JTransforms (Wendykier; a Java port of Ooura's FFT plus mixed-radix and Bluestein
 * transforms). It takes any length (the mesh length is whatever the error budget gives; it is
 * even but seldom a power of two, and the cyclic period must be exactly that length to match the
 * reference accountants), has a real-input transform in place (half the work and memory of a
 * complex one), works in double throughout with round-off of order 1e-16 log n, and splits large
 * transforms over threads: a 1e6-point real transform takes milliseconds. commons-math3's
 * FastFourierTransformer only takes powers of two and has no real transform. Both are mature and
 * quiet; JTransforms 3.1 is on Maven Central and depends only on JLargeArrays and commons-math3.
 */
final class FourierComposer {
  private FourierComposer() {}

  static DiscretePrv selfCompose(DiscretePrv prv, int times) {
    int n = prv.pmf().length;
    if (times == 1) {
      return prv;
    }
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
    // node 0 sits at t_min, so the sum of T nodes sits (T - 1) |t_min| / dt cells too low
    int roll = times - 1;
    if (times % 2 == 0) {
      roll += n / 2;
    }
    double[] rolled = new double[n];
    int shift = (int) (((long) roll) % n);
    for (int i = 0; i < n; i++) {
      rolled[(i + shift) % n] = a[i];
    }
    PrvDomain domain = prv.domain().shiftRight(prv.domain().shifts() * (times - 1));
    return new DiscretePrv(rolled, domain);
  }
}
