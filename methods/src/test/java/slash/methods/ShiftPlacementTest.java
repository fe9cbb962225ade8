package slash.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderLayout;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.smoke.SmokeData;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.train.FusedModel;
import slash.core.train.TrainingSession;
import slash.djl.DjlEncoder;
import slash.djl.DjlHooks;
import slash.djl.DjlSession;
import slash.dl4j.SdSession;
import slash.methods.slash.DjlSlash;
import slash.methods.slash.ShiftPosition;
import slash.methods.slash.SlashConfig;

/**
 * Where Table 7's "attention" shift lands. The released code adds it after the attention block's
 * LayerNorm; {@link ShiftPosition#ATTENTION_LAYERNORM} does so on both engines. The fold moves
 * exactly {@code attention.output.LayerNorm.bias} by W_l z and nothing else, and fused equals
 * unfused: a shift anywhere before the LayerNorm would be normalised and the fold would not match.
 */
class ShiftPlacementTest {
  @TempDir static Path dir;

  private static RunConfig config(ShiftPosition position, EngineName engine) {
    SmokeData.write(dir, 11, 40, 10);
    return RunConfig.defaults(Task.SST2, Scale.SMOKE, SlashConfig.of(32).withPosition(position))
        .withDataDir(dir).withEngine(engine).withSeed(2);
  }

  private static float[] unfused(TrainingSession session, EncodedBatch batch) {
    if (session instanceof DjlSession djl) {
      try (NDManager step = djl.taskModel().encoder().manager().newSubManager()) {
        return djl.taskModel().logits(batch, step).toFloatArray();
      }
    }
    return ((SdSession) session).taskModel().logits(batch).dup('c').data().asFloat();
  }

  @ParameterizedTest
  @EnumSource(EngineName.class)
  void afterTheAttentionLayerNormFoldsIntoItsBiasExactly(EngineName engine) {
    EncoderWeights weights = EncoderSources.smoke(CrossEngine.CACHE);
    RunConfig config = config(ShiftPosition.ATTENTION_LAYERNORM, engine);
    Map<String, FloatTensor> state;
    float[] unfused;
    float[] fused;
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        TrainingSession session = Sessions.open(config, weights)) {
      state = CrossEngine.perturbed(session.modelState());
      session.loadModel(state);
      EncodedBatch batch = text.encode(CrossEngine.SENTENCES, Representation.MASK);
      unfused = unfused(session, batch);
      try (FusedModel folded = session.fused()) {
        assertTrue(folded.folded());
        fused = folded.logits(batch);
      }
      CrossEngine.assertClose(unfused, fused, 1e-5, "fused vs unfused on " + engine);
      // before the LayerNorm is another place: other logits
      try (TrainingSession before = Sessions.open(config(ShiftPosition.ATTENTION, engine),
          weights)) {
        before.loadModel(state);
        assertFalse(Arrays.equals(unfused, unfused(before, batch)),
            "after the LayerNorm must differ from before it");
      }
    }
    SlashConfig method = (SlashConfig) config.resolvedMethod();
    EncoderWeights trained = weights.updatedFrom(state, "trained");
    EncoderWeights folded = method.fold(trained, state).orElseThrow();
    float[] z = state.get(SlashConfig.Z).data();
    for (String name : trained.tensors().keySet()) {
      float[] before = trained.get(name).data();
      float[] after = folded.get(name).data();
      int layer = layerOf(name);
      if (layer >= 0 && name.equals(EncoderLayout.layer(layer)
          + "attention.output.LayerNorm.bias")) {
        float[] shift = method.projection().project(layer, before.length, z);
        for (int i = 0; i < before.length; i++) {
          assertEquals(before[i] + shift[i], after[i], 0f, name);
        }
      } else {
        assertTrue(Arrays.equals(before, after), name + " must not move");
      }
    }
  }

  /** On DJL, the hook's output minus its input (the LayerNorm's output) is exactly W_l z. */
  @Test
  void theShiftIsTheChangeOfTheLayerNormOutput() {
    EncoderWeights weights = EncoderSources.smoke(CrossEngine.CACHE);
    SlashConfig method = SlashConfig.of(32).withPosition(ShiftPosition.ATTENTION_LAYERNORM)
        .withProjectionSeed(4);
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        NDManager root = slash.djl.Fixtures.manager();
        DjlEncoder encoder = DjlEncoder.load(weights, root);
        NDManager step = root.newSubManager()) {
      DjlSlash slash = new DjlSlash(method, weights.config(), 0, root);
      List<float[]> changes = new ArrayList<>();
      List<Integer> calls = new ArrayList<>();
      DjlHooks capture = new DjlHooks() {
        @Override
        public void begin(NDManager scope) {
          slash.begin(scope);
        }

        @Override
        public NDArray attentionLayerNorm(int layer, NDArray hidden) {
          NDArray shifted = slash.attentionLayerNorm(layer, hidden);
          changes.add(shifted.sub(hidden).toFloatArray());
          calls.add(layer);
          return shifted;
        }

        @Override
        public NDArray attentionOutput(int layer, NDArray activation) {
          return slash.attentionOutput(layer, activation);
        }

        @Override
        public NDArray output(int layer, NDArray activation) {
          return slash.output(layer, activation);
        }
      };
      EncodedBatch batch = text.encode(CrossEngine.SENTENCES, Representation.MASK);
      encoder.forward(batch, capture, step);
      assertEquals(List.of(0, 1), calls, "one call per block, after its attention LayerNorm");
      float[] z = slash.z().toFloatArray();
      int hidden = weights.config().hidden();
      for (int l = 0; l < calls.size(); l++) {
        float[] shift = method.projection().project(l, hidden, z);
        float[] change = changes.get(l);
        for (int i = 0; i < change.length; i++) {
          assertEquals(shift[i % hidden], change[i], 1e-6, "layer " + l + " element " + i);
        }
      }
      slash.close();
    }
  }

  private static int layerOf(String name) {
    String prefix = EncoderLayout.layer(0);
    String stem = prefix.substring(0, prefix.length() - 2);
    if (!name.startsWith(stem)) {
      return -1;
    }
    String rest = name.substring(stem.length());
    int dot = rest.indexOf('.');
    try {
      return Integer.parseInt(rest.substring(0, dot));
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
