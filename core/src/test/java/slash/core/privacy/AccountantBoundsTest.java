package slash.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounds that keep the accountants quick: mesh limit, calibration that always ends. */
class AccountantBoundsTest {
  @Test
  void aCappedMeshWidensEpsErrorHonestly() {
    // Microsoft's (sigma 1.5, q 0.05, T 50000) at eps_error 0.01 needs 1.4e7 nodes; capped at
    // 2^20 the bounds carry the wider eps_error of the coarser step, and still hold the value
    PrvAccountant quick = PrvAccountant.quick(0.01);
    double epsError = quick.meshEpsError(0.05, 1.5, 50000, 1e-6);
    assertTrue(epsError > 0.1 && epsError < 0.2, "eps_error " + epsError);
    PrivacySpent spent = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> quick.spent(0.05, 1.5, 50000, 1e-6));
    double published = 73.1901767238329626;
    assertTrue(spent.epsilonLower() <= published && published <= spent.epsilonUpper() + 1e-4,
        spent.toString());
    assertEquals(published, spent.epsilon(), epsError, spent.toString());
    // an uncapped mesh keeps the eps_error asked for
    assertEquals(0.1, PrvAccountant.quick(0.1).meshEpsError(0.0304, 0.925, 640, 1e-6), 0.0);
  }

  @Test
  void epsilonBeyondE700IsFinite() {
    // the domain reaches |t| ~ 17000, where e^-t underflowed and epsilon came out infinite
    PrivacySpent spent = PrvAccountant.quick(0.1).spent(0.01, 0.05, 100, 1e-6);
    double rdp = new RdpAccountant().epsilon(0.01, 0.05, 100, 1e-6);
    assertTrue(Double.isFinite(spent.epsilon()) && spent.epsilon() > 1000
        && spent.epsilon() < rdp, spent + " vs rdp " + rdp);
    // one sampled step at sigma 1e-3 loses about 1 / (2 sigma^2) = 5e5, past e^709 (the cdf
    // had no mass there); at delta 1e-6 about 8 of the 100 steps are sampled (Poisson(1) tail)
    double tiny = PrvAccountant.quick(0.1).epsilon(0.01, 1e-3, 100, 1e-6);
    assertTrue(tiny > 3e6 && tiny < 5e6, "sigma 1e-3: " + tiny);
  }

  @Test
  void calibrationEndsEvenWhereEpsilonJumpsAcrossTheTolerance() {
    // epsilon is not monotone in sigma at the scale of a PRV's mesh; here it jumps from 100 to
    // 0.5 at sigma 1, so no sigma is within 0.01 of the target 8 and plain bisection never ends
    PrivacyAccountant jumpy = new PrivacyAccountant() {
      @Override
      public String name() {
        return "jumpy";
      }

      @Override
      public PrivacySpent spent(double q, double sigma, int steps, double delta) {
        double eps = sigma <= 1 ? 100 : 0.5;
        return new PrivacySpent(name(), eps, eps, eps, eps, delta, sigma, q, steps);
      }
    };
    PrivacySpent spent = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> new NoiseCalibrator(jumpy).calibrate(8, 1e-5, 0.04, 100));
    assertEquals(1, spent.noiseMultiplier(), 1e-4);
    assertTrue(spent.epsilon() <= 8);
  }
}
