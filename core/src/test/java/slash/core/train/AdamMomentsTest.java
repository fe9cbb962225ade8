package slash.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import slash.core.io.FloatTensor;

/** The engine-neutral halves of both engines' optimizers: AdamW's bookkeeping, flat gradients. */
class AdamMomentsTest {
  /** Moments as plain float arrays, as an engine's arrays would be copied. */
  private static final AdamMoments.Arrays<float[]> ARRAYS = new AdamMoments.Arrays<>() {
    @Override
    public FloatTensor read(float[] array) {
      return FloatTensor.of(array.clone(), array.length);
    }

    @Override
    public void write(float[] array, FloatTensor values) {
      System.arraycopy(values.data(), 0, array, 0, array.length);
    }
  };

  private static AdamMoments<float[]> moments() {
    return new AdamMoments<>(List.of("z", "head.w"), i -> new float[i + 1], ARRAYS);
  }

  @Test
  void stateSavesUnderTheSharedNamesAndLoadsBack() {
    AdamMoments<float[]> saved = moments();
    saved.first(1)[1] = 0.5f;
    saved.second(0)[0] = 2f;
    AdamMoments.Corrections c = saved.nextStep();
    assertEquals(1 - 0.9f, c.first());
    assertEquals(1 - (float) Math.pow(0.999f, 1), c.second());
    Map<String, FloatTensor> state = saved.state();
    assertEquals(List.of("adam.m.z", "adam.m.head.w", "adam.v.z", "adam.v.head.w", "adam.step"),
        List.copyOf(state.keySet()));
    AdamMoments<float[]> loaded = moments();
    loaded.load(state);
    assertEquals(1, loaded.stepCount());
    assertArrayEquals(new float[] {0, 0.5f}, loaded.first(1));
    assertArrayEquals(new float[] {2f}, loaded.second(0));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> moments().load(Map.of()));
    assertTrue(missing.getMessage().contains("adam.m.z"), missing.getMessage());
  }

  @Test
  void aFlatGradientSplitsBackIntoItsTensors() {
    float[] flat = FlatGradient.concat(List.of(new float[] {1, 2}, new float[0],
        new float[] {3}));
    assertArrayEquals(new float[] {1, 2, 3}, flat);
    List<float[]> parts = FlatGradient.split(flat, new long[] {2, 0, 1});
    assertArrayEquals(new float[] {1, 2}, parts.get(0));
    assertArrayEquals(new float[0], parts.get(1));
    assertArrayEquals(new float[] {3}, parts.get(2));
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> FlatGradient.split(flat, new long[] {2, 2}));
    assertEquals("gradient has 3 values, the parameters 4", wrong.getMessage());
  }
}
