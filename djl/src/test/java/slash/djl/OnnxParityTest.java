package slash.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import slash.core.data.SentenceExample;
import slash.core.model.EncoderWeights;
import slash.core.model.MiniLm;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;

/** Our DJL MiniLM against ONNX Runtime running the very ONNX file the weights came from. */
class OnnxParityTest {
  @Test
  void lastHiddenStateMatchesOnnxRuntime() throws Exception {
    EncoderWeights weights = MiniLm.load(Fixtures.CACHE);
    List<SentenceExample> sentences = List.of(
        new SentenceExample("It's a charming and often affecting journey.", null, 1),
        new SentenceExample("The plot is nothing but boilerplate clichés.", null, 0),
        new SentenceExample("What does the fox say?", "Foxes make many sounds.", 1));
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 128);
        NDManager root = Fixtures.manager();
        DjlEncoder encoder = DjlEncoder.load(weights, root);
        NDManager step = root.newSubManager()) {
      EncodedBatch batch = text.encode(sentences, Representation.CLS);
      float[] ours = encoder.forward(batch, DjlHooks.NONE, step).toFloatArray();

      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession session = env.createSession(MiniLm.onnxFile(Fixtures.CACHE).toString(),
          new OrtSession.SessionOptions());
          OnnxTensor ids = tensor(env, batch.inputIds(), batch);
          OnnxTensor mask = tensor(env, batch.attentionMask(), batch);
          OnnxTensor types = tensor(env, batch.tokenTypeIds(), batch);
          OrtSession.Result result = session.run(Map.of("input_ids", ids, "attention_mask", mask,
              "token_type_ids", types))) {
        float[][][] reference = (float[][][]) result.get(0).getValue();
        int h = 384;
        double worst = 0;
        for (int i = 0; i < batch.size(); i++) {
          for (int t = 0; t < batch.rowLength(i); t++) { // padded positions are unspecified
            for (int k = 0; k < h; k++) {
              float mine = ours[(i * batch.length() + t) * h + k];
              worst = Math.max(worst, Math.abs(mine - reference[i][t][k]));
            }
          }
        }
        assertEquals(0, worst, 1e-4, "max |ours - onnxruntime| over real tokens");
      }
    }
  }

  private static OnnxTensor tensor(OrtEnvironment env, long[] data, EncodedBatch batch)
      throws Exception {
    return OnnxTensor.createTensor(env, LongBuffer.wrap(data), batch.shape());
  }
}
