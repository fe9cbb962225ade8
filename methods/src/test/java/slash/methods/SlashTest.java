package slash.methods;

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
import slash.baselines.linear.LinearConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.projection.ProjectionStorage;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.train.FusedModel;
import slash.djl.DjlTaskModel;
import slash.djl.Fixtures;
import slash.methods.slash.DjlSlash;
import slash.methods.slash.ShiftPosition;
import slash.methods.slash.SlashConfig;

class SlashTest {
  private static DjlTaskModel model(EncoderWeights weights, MethodConfig method, NDManager root) {
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, method);
    return Models.djl(config, weights, root);
  }

  private static float[] logits(DjlTaskModel model, EncodedBatch batch, boolean fused) {
    if (fused) {
      try (FusedModel folded = model.fused()) {
        assertTrue(folded.folded(), "SLaSh folds into the biases");
        return folded.logits(batch);
      }
    }
    try (NDManager step = model.encoder().manager().newSubManager()) {
      return model.logits(batch, step).toFloatArray();
    }
  }

  @Test
  void fusedInferenceEqualsUnfusedAtEveryPosition() {
    EncoderWeights weights = Fixtures.smokeWeights();
    try (NDManager root = Fixtures.manager(); BatchTokenizer text = Fixtures.smokeText()) {
      EncodedBatch batch = Fixtures.batch(text, Representation.MASK);
      for (ShiftPosition position : ShiftPosition.values()) {
        for (ProjectionStorage storage : ProjectionStorage.values()) {
          MethodConfig method = SlashConfig.of(48)
              .withPosition(position).withStorage(storage);
          try (DjlTaskModel model = model(weights, method, root)) {
            float[] unfused = logits(model, batch, false);
            float[] fused = logits(model, batch, true);
            float[] plain = logits(model(weights, new LinearConfig(), root), batch, false);
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
    try (NDManager root = Fixtures.manager(); BatchTokenizer text = Fixtures.smokeText()) {
      EncodedBatch batch = Fixtures.batch(text, Representation.CLS);
      SlashConfig stored = SlashConfig.of(40).withDistribution(Distribution.UNIFORM);
      float[][] results = new float[2][];
      float[][] gradients = new float[2][];
      int i = 0;
      for (MethodConfig method : new MethodConfig[] {stored,
          stored.withStorage(ProjectionStorage.ON_THE_FLY)}) {
        try (DjlTaskModel model = model(weights, method, root);
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
    try (NDManager root = Fixtures.manager(); BatchTokenizer text = Fixtures.smokeText();
        DjlTaskModel model = model(weights, SlashConfig.of(16), root)) {
      EncodedBatch batch = Fixtures.batch(text, Representation.MASK);
      DjlSlash slash = (DjlSlash) model.adaptation();
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

  private static double lossAt(DjlTaskModel model, EncodedBatch batch, float[] z, int k, double h) {
    float[] moved = z.clone();
    moved[k] += (float) h;
    ((DjlSlash) model.adaptation()).z().set(moved);
    try (NDManager step = model.encoder().manager().newSubManager()) {
      return model.loss(model.logits(batch, step), batch, step).getFloat();
    }
  }

  @Test
  void parameterCountIsDPlusHead() {
    EncoderWeights weights = Fixtures.smokeWeights();
    try (NDManager root = Fixtures.manager();
        DjlTaskModel model = model(weights, SlashConfig.of(1024), root)) {
      // paper: d + C x (d'_L + 1)
      assertEquals(1024 + 2 * (32 + 1), model.trainableCount());
    }
  }

  @Test
  void identityInitShiftsEveryBlockByZ() {
    EncoderWeights weights = Fixtures.smokeWeights();
    try (NDManager root = Fixtures.manager()) {
      MethodConfig method = SlashConfig.of(32)
          .withInit(InitScheme.IDENTITY_W);
      DjlSlash slash = new DjlSlash((SlashConfig) method, weights.config(), 0, root);
      try (NDManager step = root.newSubManager()) {
        slash.begin(step);
        NDArray zero = step.zeros(new ai.djl.ndarray.types.Shape(32));
        assertArrayEquals(slash.z().toFloatArray(), slash.output(1, zero).toFloatArray(), 0f);
      }
      slash.close();
    }
  }
}
