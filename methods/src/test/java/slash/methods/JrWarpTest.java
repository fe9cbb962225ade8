package slash.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.model.EncoderWeights;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.djl.DjlHead;
import slash.djl.DjlHooks;
import slash.djl.DjlTaskModel;
import slash.djl.Fixtures;
import slash.methods.jrwarp.JrWarpConfig;

class JrWarpTest {
  @Test
  void promptNeverReachesTheHeadAndPaddingIsMasked() {
    EncoderWeights weights = Fixtures.smokeWeights();
    try (NDManager root = Fixtures.manager(); BatchTokenizer text = Fixtures.smokeText();
        DjlTaskModel model = Models.djl(RunConfig.defaults(Task.MNLI, Scale.SMOKE,
            JrWarpConfig.of(24)).withSeed(1), weights, root);
        NDManager step = root.newSubManager()) {
      EncodedBatch batch = Fixtures.batch(text, Representation.MASK);
      NDArray hidden = model.encoder().forward(batch, model.adaptation(), step);
      // same length as the input: the prompt position is gone before the head
      assertArrayEquals(new long[] {3, batch.length(), 32}, hidden.getShape().getShape());
      // the head reads row i's [MASK] state, not the state one position earlier
      float[] logits = model.logits(batch, step).toFloatArray();
      float[] all = hidden.toFloatArray();
      for (int i = 0; i < 3; i++) {
        int at = (i * batch.length() + batch.representationIndex()[i]) * 32;
        NDArray state = step.create(Arrays.copyOfRange(all, at, at + 32));
        NDArray expected = state.matMul(model.head().state().get(DjlHead.WEIGHT) == null ? null
            : step.create(model.head().state().get(DjlHead.WEIGHT).data(),
                new ai.djl.ndarray.types.Shape(3, 32)).transpose());
        assertArrayEquals(expected.toFloatArray(), Arrays.copyOfRange(logits, 3 * i, 3 * i + 3),
            1e-5f);
      }
      // the shortest row alone gives the same logits as inside the padded batch
      EncodedBatch alone = text.encode(List.of(Fixtures.SENTENCES.get(2)), Representation.MASK);
      assertArrayEquals(Arrays.copyOfRange(logits, 6, 9),
          model.logits(alone, step).toFloatArray(), 1e-5f);
      // and the prompt matters
      SentenceExample one = Fixtures.SENTENCES.get(0);
      EncodedBatch single = text.encode(List.of(one), Representation.MASK);
      float[] withPrompt = model.logits(single, step).toFloatArray();
      float[] without = model.head().logits(model.encoder().forward(single, DjlHooks.NONE,
          step), single, step).toFloatArray();
      assertEquals(false, Arrays.equals(withPrompt, without));
      assertEquals(24 + 3 * 33, model.trainableCount());
    }
  }
}
