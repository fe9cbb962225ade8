package slash.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Figures from ../shared/oracles/dp-accounting.md; PRV epsilon is the upper bound. */
class PrvAccountantTest {
  private final PrvAccountant prv = new PrvAccountant(); // eps_error 0.01, delta_error delta/1000

  @Test
  void opacusPrvAccountant() {
    // accountants_test.py: sigma 1.5, q 0.04, delta 1e-5 over int(90 // 0.04) = 2249 steps (the
    // test's floor division; at 2250 steps Opacus gives 6.77913), assertAlmostEqual to 7 places
    assertEquals(6.777395712150674, prv.epsilon(0.04, 1.5, 2249, 1e-5), 5e-8);
  }

  @Test
  void microsoftTableAtOneInAMillion() {
    // opacus/tests/prv_accountant.py: values of Microsoft's prv_accountant, delta 1e-6,
    // eps_error 0.01; Opacus checks them to 4 places. {sigma, q, steps, epsilon}
    checkTable(new double[][] {
        {0.8, 0.001, 100, 0.270403364058018680}, {1.5, 0.001, 100, 0.0393694193095203288},
        {2.0, 0.001, 100, 0.0291045369484074883}, {3.0, 0.001, 100, 0.0215200934390882663},
        {0.8, 0.05, 100, 6.74105193941409997}, {1.5, 0.05, 100, 1.95385313568420016},
        {2.0, 0.05, 100, 1.28363737962406521}, {3.0, 0.05, 100, 0.767933789666825573},
        {0.8, 0.2, 100, 24.3336641779225644}, {1.5, 0.2, 100, 8.49897785912163073},
        {2.0, 0.2, 100, 5.67205560882372950}, {3.0, 0.2, 100, 3.38122051022184422},
        {0.8, 0.001, 1000, 0.477771266184522592}, {1.5, 0.001, 1000, 0.0998206602308474855},
        {2.0, 0.001, 1000, 0.0712187825381152273}, {3.0, 0.001, 1000, 0.0476159308713589302},
        {0.8, 0.05, 1000, 19.5258428053837356}, {1.5, 0.05, 1000, 6.20996924657726712},
        {2.0, 0.05, 1000, 4.17279986668931890}, {3.0, 0.05, 1000, 2.52757432605973831},
        {0.8, 0.001, 20000, 1.29600925757016161}, {1.5, 0.001, 20000, 0.437005108654860808},
        {2.0, 0.001, 20000, 0.305837939762453437}, {3.0, 0.001, 20000, 0.194031030686054706},
        {0.8, 0.001, 50000, 2.03451480771586635}, {1.5, 0.001, 50000, 0.704218384555810095},
        {2.0, 0.001, 50000, 0.491354910211401319}, {3.0, 0.001, 50000, 0.309694161156544023}});
  }

  @Test
  @Tag("slow") // meshes of 2e6 to 1.4e7 nodes: most of this class's time (tens of seconds)
  void microsoftTableLongRunsAtHighRate() {
    checkTable(new double[][] {
        {1.5, 0.05, 20000, 38.3066179140872336}, {2.0, 0.05, 20000, 24.4217185703225859},
        {3.0, 0.05, 20000, 13.9611146992367061},
        {1.5, 0.05, 50000, 73.1901767238329626}, {2.0, 0.05, 50000, 45.2369958613306906},
        {3.0, 0.05, 50000, 24.9420056431444763}});
  }

  private void checkTable(double[][] table) {
    for (double[] row : table) {
      double eps = prv.epsilon(row[1], row[0], (int) row[2], 1e-6);
      assertEquals(row[3], eps, 5e-5, "sigma " + row[0] + " q " + row[1] + " T " + row[2]);
    }
  }

  @Test
  void paperSettingsPrvColumns() {
    // {N, sigma, eps_up at eps_error 0.1, eps_up at 0.01} at delta 1e-6, given to 3 decimals;
    // q = 2048 / N and T = 20 floor(N / 2048) (the table's q is this rounded to 6 digits, which
    // would move QQP's 6.6844 to 6.6846)
    double[][] rows = {{PaperSettings.MNLI, 0.643, 6.688, 6.598},
        {PaperSettings.QQP, 0.651, 6.684, 6.594}, {PaperSettings.QNLI, 0.831, 6.694, 6.604},
        {PaperSettings.SST2, 0.925, 6.692, 6.602}};
    PrvAccountant coarse = new PrvAccountant(0.1);
    for (double[] r : rows) {
      double q = PaperSettings.sampleRate((int) r[0]);
      int steps = PaperSettings.steps((int) r[0]);
      assertEquals(r[2], coarse.epsilon(q, r[1], steps, 1e-6), 5e-4, "0.1, N " + r[0]);
      assertEquals(r[3], prv.epsilon(q, r[1], steps, 1e-6), 5e-4, "0.01, N " + r[0]);
    }
  }

  @Test
  void boundsBracketTheExactGaussianMechanism() {
    // q = 1: T steps of noise sigma are one Gaussian mechanism with mu = sqrt(T) / sigma, whose
    // exact delta(eps) = Phi(-eps/mu + mu/2) - e^eps Phi(-eps/mu - mu/2)
    double[][] cases = {{4.530877117, 1, 1e-6}, {1.0, 10, 1e-5}, {2.0, 100, 1e-6},
        {10.0, 1000, 1e-5}, {0.8, 3, 1e-6}};
    for (double[] c : cases) {
      double mu = Math.sqrt(c[1]) / c[0];
      double exact = exactGaussianEpsilon(mu, c[2]);
      PrivacySpent spent = prv.spent(1.0, c[0], (int) c[1], c[2]);
      String what = "sigma " + c[0] + " T " + c[1] + ": exact " + exact + " vs " + spent;
      assertTrue(spent.epsilonLower() <= exact && exact <= spent.epsilonUpper(), what);
      assertEquals(exact, spent.epsilonEstimate(), 2e-3, what);
    }
    // the sigma dp_accounting picked for RDP (1, 1e-6): the exact Gaussian is below 1 there
    assertEquals(2.1586677662224194e-7, exactGaussianDelta(1 / 4.530877117, 1.0), 1e-15);
  }

  @Test
  void boundsAreOrderedAndTighterThanRdp() {
    PrivacySpent spent = prv.spent(0.04, 1.5, 2249, 1e-5);
    assertEquals("prv", spent.accountant());
    assertEquals(spent.epsilonUpper(), spent.epsilon(), 0.0);
    assertTrue(spent.epsilonLower() < spent.epsilonEstimate()
        && spent.epsilonEstimate() < spent.epsilonUpper());
    // estimate +- eps_error, up to what delta +- delta_error moves it
    assertEquals(0.02, spent.epsilonUpper() - spent.epsilonLower(), 1e-3);
    assertTrue(spent.epsilon() < new RdpAccountant().epsilon(0.04, 1.5, 2249, 1e-5));
  }

  @Test
  void rejectsImpossibleSettings() {
    PrivacyConfigException e = assertThrows(PrivacyConfigException.class,
        () -> prv.spent(1.5, 1.0, 10, 1e-5));
    assertEquals("sampleRate", e.field());
    assertEquals("steps", assertThrows(PrivacyConfigException.class,
        () -> prv.spent(0.1, 1.0, 0, 1e-5)).field());
    assertEquals("delta", assertThrows(PrivacyConfigException.class,
        () -> prv.spent(0.1, 1.0, 10, 0)).field());
    assertEquals("epsError", assertThrows(PrivacyConfigException.class,
        () -> new PrvAccountant(0)).field());
    assertEquals(Double.POSITIVE_INFINITY, prv.epsilon(0.1, 0.0, 10, 1e-5));
  }

  static double exactGaussianDelta(double mu, double eps) {
    return phi(-eps / mu + mu / 2) - Math.exp(eps) * phi(-eps / mu - mu / 2);
  }

  /** delta(eps) is decreasing: bisect on [0, 100]. */
  static double exactGaussianEpsilon(double mu, double delta) {
    double lo = 0;
    double hi = 100;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (exactGaussianDelta(mu, mid) > delta) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static double phi(double x) {
    return 0.5 * Erfc.erfc(-x / Math.sqrt(2));
  }
}
