package slash.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import slash.core.config.MethodConfig;
import slash.core.config.ProjectionStorage;
import slash.core.config.ShiftPosition;
import slash.core.data.TaskKind;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.text.TextEncoder;

class SlashTest {
  private static TaskModel model(EncoderWeights weights, MethodConfig method, NDManager root) {
    return new TaskModel(DjlEncoder.load(weights, root),
        DjlMethods.create(method, weights.config(), root),
        new TaskHead(TaskKind.CLASSIFICATION, 2, weights.config().hidden(), 0, root));
  }

  private static float[] logits(TaskModel model, EncodedBatch batch, boolean fused) {
    try (NDManager step = model.encoder().manager().newSubManager()) {
      return (fused ? model.fusedLogits(batch, step) : model.logits(batch, step)).toFloatArray();
    }
  }

  @Test
  void fusedInferenceEqualsUnfusedAtEveryPosition() {
    EncoderWeights weights = Fixtures.smokeWeights();
    try (NDManager root = Fixtures.manager(); TextEncoder text = Fixtures.smokeText()) {
      EncodedBatch batch = Fixtures.batch(text, Representation.MASK);
      for (ShiftPosition position : ShiftPosition.values()) {
        for (ProjectionStorage storage : ProjectionStorage.values()) {
          MethodConfig method = MethodConfig.slash(48, Distribution.NORMAL)
              .withPosition(position).withStorage(storage);
          try (TaskModel model = model(weights, method, root)) {
            float[] unfused = logits(model, batch, false);
            float[] fused = logits(model, batch, true);
            float[] plain = logits(model(weights, MethodConfig.of(
                slash.core.config.Method.LINEAR), root), batch, false);
            for (int i = 0; i < unfused.length; i++) {
              assertEquals(unfused[i], fused[i], 1e-5, position + " " + storage);
            }
            assertFalse(Arrays.equals(unfused, plain), "the shift must change the logits");
          }
        }
      }
    }
  }

  @Test
  void onTheFlyProjectionsGiveTheStoredNumbersAndGradient() {
    EncoderWeights weights = Fixtures.smokeWeights();
    try (NDManager root = Fixtures.manager(); TextEncoder text = Fixtures.smokeText()) {
      EncodedBatch batch = Fixtures.batch(text, Representation.CLS);
      MethodConfig stored = MethodConfig.slash(40, Distribution.UNIFORM);
      float[][] results = new float[2][];
      float[][] gradients = new float[2][];
      int i = 0;
      for (MethodConfig method : new MethodConfig[] {stored,
          stored.withStorage(ProjectionStorage.ON_THE_FLY)}) {
        try (TaskModel model = model(weights, method, root);
            NDManager step = model.encoder().manager().newSubManager()) {
          NDArray loss;
          try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray logits = model.logits(batch, step);
            results[i] = logits.toFloatArray();
            loss = model.loss(logits, batch, step);
            c.backward(loss);
          }
          gradients[i++] = model.adaptation().trainables().get(0).gradient(step).toFloatArray();
        }
      }
      assertArrayEquals(results[0], results[1], 1e-5f);
      assertArrayEquals(gradients[0], gradients[1], 1e-5f);
    }
  }

  @Test
  void gradientOfZMatchesFiniteDifferences() {
    EncoderWeights weights = Fixtures.smokeWeights();
    try (NDManager root = Fixtures.manager(); TextEncoder text = Fixtures.smokeText();
        TaskModel model = model(weights, MethodConfig.slash(16, Distribution.NORMAL), root)) {
      EncodedBatch batch = Fixtures.batch(text, Representation.MASK);
      Slash slash = (Slash) model.adaptation();
      float[] analytic;
      try (NDManager step = model.encoder().manager().newSubManager();
          GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
        c.backward(model.loss(model.logits(batch, step), batch, step));
        analytic = slash.z().getGradient().toFloatArray();
      }
      float[] z = slash.z().toFloatArray();
      double h = 1e-2;
      for (int k = 0; k < 16; k += 3) {
        double plus = lossAt(model, batch, z, k, h);
        double minus = lossAt(model, batch, z, k, -h);
        double numeric = (plus - minus) / (2 * h);
        assertEquals(numeric, analytic[k], 2e-3 + 0.02 * Math.abs(numeric), "dL/dz[" + k + "]");
      }
      slash.z().set(z);
      assertTrue(Arrays.stream(new double[] {analytic[0], analytic[3]}).anyMatch(g -> g != 0));
    }
  }

  private static double lossAt(TaskModel model, EncodedBatch batch, float[] z, int k, double h) {
    float[] moved = z.clone();
    moved[k] += (float) h;
    ((Slash) model.adaptation()).z().set(moved);
    try (NDManager step = model.encoder().manager().newSubManager()) {
      return model.loss(model.logits(batch, step), batch, step).getFloat();
    }
  }

  @Test
  void parameterCountIsDPlusHead() {
    EncoderWeights weights = Fixtures.smokeWeights();
    try (NDManager root = Fixtures.manager();
        TaskModel model = model(weights, MethodConfig.slash(1024, Distribution.NORMAL), root)) {
      // paper: d + C x (d'_L + 1)
      assertEquals(1024 + 2 * (32 + 1), model.trainableCount());
    }
  }

  @Test
  void identityInitShiftsEveryBlockByZ() {
    EncoderWeights weights = Fixtures.smokeWeights();
    try (NDManager root = Fixtures.manager()) {
      MethodConfig method = MethodConfig.slash(32, Distribution.NORMAL)
          .withInit(InitScheme.IDENTITY_W);
      Slash slash = (Slash) DjlMethods.create(method, weights.config(), root);
      try (NDManager step = root.newSubManager()) {
        slash.beginForward(step);
        NDArray zero = step.zeros(new ai.djl.ndarray.types.Shape(32));
        assertArrayEquals(slash.z().toFloatArray(), slash.output(1, zero).toFloatArray(), 0f);
      }
      slash.close();
    }
  }
}
