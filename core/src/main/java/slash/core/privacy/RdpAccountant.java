package slash.core.privacy;

/**
 * Renyi-DP accountant as Opacus' {@code RDPAccountant}: per-order RDP of the subsampled Gaussian
 * ({@link SubsampledGaussianRdp}) times the steps, converted to (epsilon, delta) by the improved
 * conversion of Balle et al. 2020 ({@link RdpConversion}, Opacus' {@code get_privacy_spent}),
 * over Opacus' {@code DEFAULT_ALPHAS} unless other orders are given.
 */
public final class RdpAccountant implements PrivacyAccountant {
  private static final double[] DEFAULT_ORDERS = buildDefaultOrders();

  private final double[] orders;

  public RdpAccountant() {
    this(DEFAULT_ORDERS);
  }

  public RdpAccountant(double[] orders) {
    this.orders = orders.clone();
  }

  @Override
  public String name() {
    return "rdp";
  }

  /** RDP of one step at each order of this accountant. */
  public double[] rdpPerStep(double sampleRate, double noiseMultiplier) {
    double[] rdp = new double[orders.length];
    for (int i = 0; i < orders.length; i++) {
      rdp[i] = SubsampledGaussianRdp.rdp(sampleRate, noiseMultiplier, orders[i]);
    }
    return rdp;
  }

  /** Epsilon at {@code delta} from one step's RDP composed {@code steps} times. */
  double epsilonOf(double[] rdpPerStep, int steps, double delta) {
    double[] total = new double[rdpPerStep.length];
    for (int i = 0; i < total.length; i++) {
      total[i] = rdpPerStep[i] * steps;
    }
    return RdpConversion.epsilon(orders, total, delta).epsilon();
  }

  @Override
  public PrivacySpent spent(double sampleRate, double noiseMultiplier, int steps, double delta) {
    PrivacyConfigException.checkMechanism(sampleRate, noiseMultiplier, steps, delta);
    double eps = epsilonOf(rdpPerStep(sampleRate, noiseMultiplier), steps, delta);
    return new PrivacySpent(name(), eps, 0.0, eps, eps, delta, noiseMultiplier, sampleRate,
        steps);
  }

  /** Opacus' DEFAULT_ALPHAS: [1 + x / 10.0 for x in range(1, 100)] + list(range(12, 64)). */
  public static double[] defaultOrders() {
    return DEFAULT_ORDERS.clone();
  }

  private static double[] buildDefaultOrders() {
    double[] orders = new double[99 + 52];
    for (int x = 1; x < 100; x++) {
      orders[x - 1] = 1 + x / 10.0;
    }
    for (int a = 12; a < 64; a++) {
      orders[99 + a - 12] = a;
    }
    return orders;
  }
}
