package slash.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Noise multipliers of Opacus' accountants_test.py and of the paper (the oracle file). */
class NoiseCalibratorTest {
  @Test
  void opacusRdpNoiseMultipliers() {
    NoiseCalibrator rdp = new NoiseCalibrator(new RdpAccountant());
    // eps 8, delta 1e-5, q 0.04: 90 epochs (int(90 / 0.04) = 2250 steps) and 2000 steps
    assertEquals(2250, NoiseCalibrator.stepsForEpochs(90, 0.04));
    assertEquals(1.416, rdp.calibrate(8, 1e-5, 0.04, 2250).noiseMultiplier(), 5e-5);
    assertEquals(1.3562, rdp.calibrate(8, 1e-5, 0.04, 2000).noiseMultiplier(), 5e-5);
  }

  @Test
  void opacusPrvNoiseMultipliers() {
    NoiseCalibrator prv = new NoiseCalibrator(new PrvAccountant());
    assertEquals(1.34765625, prv.calibrate(8, 1e-5, 0.04, 2250).noiseMultiplier(), 5e-5);
    assertEquals(1.2915, prv.calibrate(8, 1e-5, 0.04, 2000).noiseMultiplier(), 5e-5);
  }

  @Test
  void paperNoiseMultipliers() {
    // MNLI, QQP, QNLI, SST-2: eps 6.7, delta 1e-6, PRV with eps_error 0.1
    double[][] rows = {{PaperSettings.MNLI, 0.643}, {PaperSettings.QQP, 0.651},
        {PaperSettings.QNLI, 0.831}, {PaperSettings.SST2, 0.925}};
    NoiseCalibrator prv = new NoiseCalibrator(new PrvAccountant(0.1));
    for (double[] r : rows) {
      int n = (int) r[0];
      long start = System.nanoTime();
      PrivacySpent spent = prv.calibrate(6.7, 1e-6, PaperSettings.sampleRate(n),
          PaperSettings.steps(n));
      System.out.printf("calibrated sigma %.5f (paper %.3f) for N %d in %.0f ms: %s%n",
          spent.noiseMultiplier(), r[1], n, (System.nanoTime() - start) / 1e6, spent);
      assertEquals(r[1], spent.noiseMultiplier(), 0.005, "N " + n);
      assertTrue(spent.epsilon() <= 6.7 && spent.epsilon() > 6.7 - 0.01, spent.toString());
    }
  }

  @Test
  void unreachableBudgetNamesTheFieldAndTheBest() {
    // RDP over Opacus' orders (at most 63) cannot go below log(1/delta) / 62 ~ 0.186
    PrivacyConfigException e = assertThrows(PrivacyConfigException.class,
        () -> new NoiseCalibrator(new RdpAccountant()).calibrate(0.1, 1e-5, 0.04, 2250));
    assertEquals("targetEpsilon", e.field());
    assertTrue(e.getMessage().contains("targetEpsilon"), e.getMessage());
    assertTrue(e.smallestEpsilon() > 0.1 && e.smallestEpsilon() < 0.2, e.getMessage());
    // the PRV's upper bound is at least its eps_error
    PrivacyConfigException p = assertThrows(PrivacyConfigException.class,
        () -> new NoiseCalibrator(new PrvAccountant(0.1)).calibrate(0.05, 1e-5, 0.04, 100));
    assertEquals("targetEpsilon", p.field());
    assertTrue(p.smallestEpsilon() > 0.09 && p.smallestEpsilon() < 0.11, p.getMessage());
    assertEquals("targetEpsilon", assertThrows(PrivacyConfigException.class,
        () -> new NoiseCalibrator(new RdpAccountant()).calibrate(-1, 1e-5, 0.04, 10)).field());
  }

  @Test
  void privacySpentRoundTripsThroughJson() throws Exception {
    PrivacySpent spent = new PrvAccountant(0.1).spent(0.04, 1.5, 100, 1e-5);
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(spent);
    assertTrue(json.contains("\"epsilonUpper\""), json);
    assertEquals(spent, mapper.readValue(json, PrivacySpent.class));
  }
}
