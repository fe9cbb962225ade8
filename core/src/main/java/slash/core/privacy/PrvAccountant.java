package slash.core.privacy;

/**
 * Privacy random variable accountant (Gopi, Lee, Wutschitz 2021, "Numerical composition of
 * differential privacy"), as Opacus' {@code PRVAccountant} and Microsoft's {@code prv_accountant}
 * compute it for T identical steps of the Poisson-subsampled Gaussian:
 * <ol>
 *   <li>domain [-L, L] with L = max(RDP epsilon of T steps at deltaError / 4, RDP epsilon of one
 *       step at deltaError / (8 T), epsError) + 3 (their reading of remark 5.6);
 *   <li>mesh step epsError / sqrt(T log(12 / deltaError) / 2) (theorem 5.5), aligned at 0;
 *   <li>the PRV truncated to the domain, discretised cell-centred with its mean preserved;
 *   <li>T-fold self-composition by FFT;
 *   <li>epsilon with bounds: estimate at delta, upper bound at delta - deltaError plus epsError,
 *       lower bound at delta + deltaError minus epsError.
 * </ol>
 * deltaError is delta / 1000 (Opacus' default). The reported epsilon is the upper bound, as
 * Opacus returns.
 */
public final class PrvAccountant implements PrivacyAccountant {
  /** Opacus' default eps_error. */
  public static final double DEFAULT_EPS_ERROR = 0.01;
  /**
   * Largest mesh we build (nodes). A mesh of n nodes needs about 7 n doubles, plus up to 6 times
   * the next power of two above 2n for JTransforms' Bluestein transform when n has a large prime
   * factor: about 5 GB at this limit. Opacus' own tests go to 1.4e7 nodes (~2.3 GB).
   */
  public static final int MAX_MESH = 1 << 25;

  private final double epsError;
  private final RdpAccountant rdp = new RdpAccountant();

  public PrvAccountant() {
    this(DEFAULT_EPS_ERROR);
  }

  public PrvAccountant(double epsError) {
    PrivacyConfigException.require(epsError > 0 && Double.isFinite(epsError), "epsError",
        "must be positive, was " + epsError);
    this.epsError = epsError;
  }

  public double epsError() {
    return epsError;
  }

  @Override
  public String name() {
    return "prv";
  }

  @Override
  public PrivacySpent spent(double sampleRate, double noiseMultiplier, int steps, double delta) {
    PrivacyConfigException.checkMechanism(sampleRate, noiseMultiplier, steps, delta);
    if (noiseMultiplier == 0) {
      double inf = Double.POSITIVE_INFINITY;
      return new PrivacySpent(name(), inf, inf, inf, inf, delta, 0, sampleRate, steps);
    }
    DiscretePrv.EpsilonBounds eps = compose(sampleRate, noiseMultiplier, steps, delta / 1000)
        .epsilon(delta, delta / 1000, epsError);
    return new PrivacySpent(name(), eps.upper(), eps.lower(), eps.estimate(), eps.upper(), delta,
        noiseMultiplier, sampleRate, steps);
  }

  /** The discretised PRV of the T-step composition, on the mesh the error budget asks for. */
  DiscretePrv compose(double q, double sigma, int steps, double deltaError) {
    double halfWidth = domainHalfWidth(q, sigma, steps, deltaError);
    double meshStep = epsError / Math.sqrt(steps * Math.log(12 / deltaError) / 2);
    long size = PrvDomain.alignedSize(-halfWidth, halfWidth, meshStep);
    if (size > MAX_MESH) {
      throw new PrivacyConfigException("noiseMultiplier", "gives a PRV mesh of " + size
          + " nodes (over " + MAX_MESH + "): epsilon is about " + (halfWidth - 3)
          + "; raise noiseMultiplier or epsError", halfWidth - 3);
    }
    PrvDomain domain = PrvDomain.aligned(-halfWidth, halfWidth, meshStep);
    TruncatedPrv truncated = new TruncatedPrv(new SubsampledGaussianPrv(q, sigma),
        domain.tMin(), domain.tMax());
    DiscretePrv one = CellCentredDiscretiser.discretise(truncated, domain);
    return FourierComposer.selfCompose(one, steps);
  }

  /** L of Opacus' {@code compute_safe_domain_size} for one mechanism composed T times. */
  double domainHalfWidth(double q, double sigma, int steps, double deltaError) {
    double[] perStep = rdp.rdpPerStep(q, sigma);
    double whole = rdp.epsilonOf(perStep, steps, deltaError / 4);
    double single = rdp.epsilonOf(perStep, 1, deltaError / (8.0 * steps));
    return Math.max(Math.max(whole, single), epsError) + 3;
  }
}
