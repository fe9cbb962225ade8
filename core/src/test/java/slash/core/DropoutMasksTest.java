package slash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import slash.core.method.DropoutMasks;
import slash.core.model.EncoderConfig;

class DropoutMasksTest {
  @Test
  void masksDropTheirShareAndScaleTheRestAsInvertedDropout() {
    DropoutMasks masks = new DropoutMasks(7, 0.1, 0.25);
    float[] hidden = masks.mask(3, DropoutMasks.site(1, 1), 200_000);
    float[] attention = masks.mask(3, DropoutMasks.site(1, 0), 200_000);
    assertEquals(0.10, zeros(hidden), 0.005);
    assertEquals(0.25, zeros(attention), 0.005);
    for (float v : hidden) {
      assertTrue(v == 0f || v == (float) (1 / 0.9), "value " + v);
    }
    assertEquals(1.0, mean(attention), 0.01, "inverted dropout keeps the expectation");
  }

  @Test
  void masksRepeatForTheSameStepAndSiteAndDifferOtherwise() {
    DropoutMasks masks = new DropoutMasks(7, 0.1, 0.1);
    assertArrayEquals(masks.mask(5, 2, 1000), new DropoutMasks(7, 0.1, 0.1).mask(5, 2, 1000));
    assertFalse(Arrays.equals(masks.mask(5, 2, 1000), masks.mask(6, 2, 1000)));
    assertFalse(Arrays.equals(masks.mask(5, 2, 1000), masks.mask(5, 3, 1000)));
    assertFalse(Arrays.equals(masks.mask(5, 2, 1000), new DropoutMasks(8, 0.1, 0.1)
        .mask(5, 2, 1000)));
  }

  @Test
  void probabilitiesOutsideTheUnitIntervalAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DropoutMasks(0, 1.0, 0.1));
  }

  private static double zeros(float[] mask) {
    int n = 0;
    for (float v : mask) {
      n += v == 0f ? 1 : 0;
    }
    return (double) n / mask.length;
  }

  private static double mean(float[] mask) {
    double sum = 0;
    for (float v : mask) {
      sum += v;
    }
    return sum / mask.length;
  }
}
