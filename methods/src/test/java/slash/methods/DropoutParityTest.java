package slash.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.baselines.full.FullConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.smoke.SmokeData;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.djl.DjlTaskModel;
import slash.dl4j.SdSession;
import slash.dl4j.SdTaskModel;

/**
 * Full finetuning trains with the model's dropout, and with the same masks on both engines: a
 * training step's loss and gradients agree across engines, and differ from the dropout-free
 * evaluation pass.
 */
class DropoutParityTest {
  @TempDir Path dir;

  @Test
  void fullFinetuningDropsTheSameUnitsOnBothEngines() {
    SmokeData.write(dir, 11, 40, 10);
    EncoderWeights weights = EncoderSources.smoke(CrossEngine.CACHE);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, new FullConfig())
        .withDataDir(dir).withRepresentation(Representation.CLS);
    long step = 3;
    Map<String, FloatTensor> state;
    float trainingLoss;
    float evalLoss;
    Map<String, float[]> djlGrads = new LinkedHashMap<>();
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        DjlTaskModel model = Models.djl(config, weights, root);
        NDManager scope = root.newSubManager()) {
      EncodedBatch batch = text.encode(CrossEngine.SENTENCES, Representation.CLS);
      state = model.state();
      evalLoss = model.loss(model.logits(batch, scope), batch, scope).getFloat();
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray loss = model.loss(model.trainingLogits(batch, scope, step), batch, scope);
        trainingLoss = loss.getFloat();
        collector.backward(loss);
      }
      for (var t : model.trainables()) {
        djlGrads.put(t.name(), t.gradient(scope).toFloatArray());
      }
    }
    assertTrue(Math.abs(trainingLoss - evalLoss) > 1e-4, "dropout must change the training "
        + "pass: " + trainingLoss + " vs " + evalLoss);

    SdTaskModel sd = Models.sd(config, weights);
    sd.load(state);
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        SdSession session = new SdSession(config, sd)) {
      EncodedBatch batch = text.encode(CrossEngine.SENTENCES, Representation.CLS);
      assertEquals(evalLoss, session.gradients(batch).loss(), 1e-5, "evaluation: no dropout");
      SdSession.Gradients grads = session.gradients(batch, step);
      assertEquals(trainingLoss, grads.loss(), 1e-5, "training loss with step 3's masks");
      for (String name : djlGrads.keySet()) {
        CrossEngine.assertClose(djlGrads.get(name),
            grads.byName().get(name).dup('c').data().asFloat(), 1e-4, "gradient of " + name);
      }
    }
  }
}
