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
   * Largest mesh (nodes) of {@link #PrvAccountant(double)}: Opacus' own tests go to 1.4e7 nodes,
   * tens of seconds each. A mesh of n nodes needs about 7 n doubles (about 1.9 GB here).
   */
  public static final int MAX_MESH = 1 << 25;
  /**
   * Largest mesh of {@link #quick(double)}, what the command line and training use: one epsilon
   * costs about a million cdf evaluations and one FFT of this length (a tenth of a second on two
   * cores), a calibration some tens of them.
   */
  public static final int QUICK_MESH = 1 << 20;
  private final double epsError;
  private final int maxMesh;
  private final RdpAccountant rdp = new RdpAccountant();

  public PrvAccountant() {
    this(DEFAULT_EPS_ERROR);
  }

  public PrvAccountant(double epsError) {
    this(epsError, MAX_MESH);
  }

  /**
   * An accountant whose mesh never exceeds {@code maxMesh} nodes: where the mesh step that
   * {@code epsError} asks for would need more, the step is widened to fit, and the eps_error of
   * that step (theorem 5.5 solved the other way round, {@link #meshEpsError}) is the one its
   * bounds carry.
   */
  public PrvAccountant(double epsError, int maxMesh) {
    PrivacyConfigException.require(epsError > 0 && Double.isFinite(epsError), "epsError",
        "must be positive, was " + epsError);
    PrivacyConfigException.require(maxMesh >= 1024, "maxMesh", "must be at least 1024, was "
        + maxMesh);
    this.epsError = epsError;
    this.maxMesh = maxMesh;
  }

  /** The accountant of the command line and of training: mesh at most {@link #QUICK_MESH}. */
  public static PrvAccountant quick(double epsError) {
    return new PrvAccountant(epsError, QUICK_MESH);
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
    double deltaError = delta / 1000;
    Mesh mesh = mesh(sampleRate, noiseMultiplier, steps, deltaError);
    DiscretePrv.requireResolvable(delta, deltaError, mesh.domain().size());
    DiscretePrv.EpsilonBounds eps = compose(sampleRate, noiseMultiplier, steps, mesh)
        .epsilon(delta, deltaError, mesh.epsError());
    return new PrivacySpent(name(), eps.upper(), eps.lower(), eps.estimate(), eps.upper(), delta,
        noiseMultiplier, sampleRate, steps);
  }

  /**
   * The eps_error that {@link #spent}'s bounds carry for these inputs: this accountant's own,
   * or more where its mesh would exceed the node limit (the width of the widened step).
   */
  public double meshEpsError(double sampleRate, double noiseMultiplier, int steps,
      double delta) {
    PrivacyConfigException.checkMechanism(sampleRate, noiseMultiplier, steps, delta);
    return noiseMultiplier == 0 ? epsError
        : mesh(sampleRate, noiseMultiplier, steps, delta / 1000).epsError();
  }

  /** The largest mesh this accountant builds. */
  public int maxMesh() {
    return maxMesh;
  }

  /** A mesh and the eps_error its step gives (theorem 5.5). */
  record Mesh(PrvDomain domain, double epsError) {}

  /**
   * Domain [-L, L] (Opacus' L) on a mesh aligned at 0 with Opacus' step
   * epsError / sqrt(T log(12 / deltaError) / 2), its length rounded up (by widening the domain a
   * few nodes, which only drops less mass) to one with no prime factor above 5, so that the FFT
   * is JTransforms' mixed radix and not Bluestein's algorithm (several times slower; Opacus'
   * own lengths often have a large prime factor). That changes the cyclic period of the
   * composition, which moves epsilon by about 1e-8 on Opacus' own test and at most ~1e-6 on
   * Microsoft's table. Where that mesh would exceed {@code maxMesh} nodes, the step grows to
   * fit the largest such length within it and the eps_error grows with it: the Hoeffding bound
   * on the rounding errors of T steps holds for any step h at eps_error
   * h sqrt(T log(12 / deltaError) / 2) (theorem 5.5).
   */
  Mesh mesh(double q, double sigma, int steps, double deltaError) {
    double halfWidth = domainHalfWidth(q, sigma, steps, deltaError);
    if (!(halfWidth < 1e300)) {
      throw new PrivacyConfigException("noiseMultiplier", "= " + Rounded.of(sigma)
          + " is too small for the PRV accountant: even RDP bounds epsilon only by "
          + Rounded.of(halfWidth - 3));
    }
    double spread = Math.sqrt(steps * Math.log(12 / deltaError) / 2);
    double meshStep = epsError / spread;
    // nodes -k dt .. (k + 1) dt: 2 (k + 1) of them, a fast length when k + 1 is 5-smooth
    double half = Math.ceil(halfWidth / meshStep) + 1;
    if (half <= maxMesh / 2 && smoothAtLeast((long) half) <= maxMesh / 2) {
      return new Mesh(PrvDomain.centred(smoothAtLeast((long) half) - 1, meshStep), epsError);
    }
    long capped = smoothAtMost(maxMesh / 2);
    double step = halfWidth / (capped - 1);
    return new Mesh(PrvDomain.centred(capped - 1, step), Math.max(epsError, step * spread));
  }

  /** The discretised PRV of the T-step composition on {@code mesh}. */
  DiscretePrv compose(double q, double sigma, int steps, Mesh mesh) {
    PrvDomain domain = mesh.domain();
    TruncatedPrv truncated = new TruncatedPrv(new SubsampledGaussianPrv(q, sigma),
        domain.tMin(), domain.tMax());
    DiscretePrv one = CellCentredDiscretiser.discretise(truncated, domain);
    return FourierComposer.selfCompose(one, steps);
  }

  /** The discretised PRV of the T-step composition, on the mesh the error budget asks for. */
  DiscretePrv compose(double q, double sigma, int steps, double deltaError) {
    return compose(q, sigma, steps, mesh(q, sigma, steps, deltaError));
  }

  /** L of Opacus' {@code compute_safe_domain_size} for one mechanism composed T times. */
  double domainHalfWidth(double q, double sigma, int steps, double deltaError) {
    double[] perStep = rdp.rdpPerStep(q, sigma);
    double whole = rdp.epsilonOf(perStep, steps, deltaError / 4);
    double single = rdp.epsilonOf(perStep, 1, deltaError / (8.0 * steps));
    return Math.max(Math.max(whole, single), epsError) + 3;
  }

  /**
   * The least n >= m such that 2n is a fast FFT length: no prime factor above 5, and at most 12
   * factors as JTransforms splits it (4s first, then 2, 3, 5): its mixed-radix tables hold 13,
   * and 2n = 4 x 3^12 x 5 overflows them (ArrayIndexOutOfBoundsException in cffti).
   */
  static long smoothAtLeast(long m) {
    long n = Math.max(1, m);
    while (!smooth(n)) {
      n++;
    }
    return n;
  }

  /** The largest n <= m such that 2n is a fast FFT length (as {@link #smoothAtLeast}). */
  static long smoothAtMost(long m) {
    long n = m;
    while (!smooth(n)) {
      n--;
    }
    return n;
  }

  private static boolean smooth(long half) {
    long n = 2 * half;
    int factors = 0;
    for (int p : new int[] {4, 2, 3, 5}) {
      while (n % p == 0) {
        n /= p;
        factors++;
      }
    }
    return n == 1 && factors <= 12;
  }
}
