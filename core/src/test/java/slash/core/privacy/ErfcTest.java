package slash.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values from mpmath at 40 digits (erfc(27) is subnormal; Cody flushes it to 0). */
class ErfcTest {
  @Test
  void erfcToFullDoublePrecisionOnAllThreeRanges() {
    double[][] cases = {{-3, 1.9999779095030014}, {-1, 1.8427007929497149},
        {-0.3, 1.3286267594591274}, {0, 1.0}, {0.2, 0.77729741078952153},
        {0.5, 0.47950012218695346}, {1, 0.15729920705028513}, {2.5, 4.0695201744495894e-4},
        {3.9, 3.4792248597231767e-8}, {4.1, 6.7000276540849184e-9},
        {6, 2.1519736712498913e-17}, {10, 2.0884875837625448e-45},
        {26, 5.6631924088561428e-296}, {27, 5.2370489237892557e-319}};
    for (double[] c : cases) {
      assertEquals(c[1], Erfc.erfc(c[0]), Math.max(3e-16 * c[1], 1e-318), "erfc(" + c[0] + ")");
    }
  }

  @Test
  void logErfcStaysFinitePastUnderflow() {
    double[][] cases = {{-3, 0.69313613525044681}, {-0.3, 0.28414589714140825},
        {0.2, -0.25193223378261668}, {0.5, -0.7350111298370844}, {1, -1.8496055099332482},
        {3.9, -17.173871216435403}, {6, -38.377561173223388}, {27, -732.86888650789741},
        {30, -903.97411711064388}, {100, -10005.177585122664}, {1000, -1000007.4801207219}};
    for (double[] c : cases) {
      assertEquals(c[1], Erfc.logErfc(c[0]), 4e-16 * Math.max(1, Math.abs(c[1])),
          "log erfc(" + c[0] + ")");
    }
  }
}
