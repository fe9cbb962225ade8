package slash.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.io.FloatTensor;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.smoke.SmokeData;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.text.TextEncoder;
import slash.djl.DjlTrainer;
import slash.djl.TaskModel;
import slash.dl4j.CrossEngine;
import slash.dl4j.SdTaskModel;

/**
 * Every baseline, like SLaSh: the same weights, state and batch give the same logits, loss and
 * gradients on DJL and SameDiff; each engine trains exactly the tensors TrainableLayout lists; and
 * LoRA merged into W gives the logits of LoRA unmerged, on both engines.
 */
class BaselineParityTest {
  static final Path CACHE = CrossEngine.CACHE;
  @TempDir static Path dir;

  record Case(String name, MethodConfig method, Representation representation, Task task,
      boolean roberta) {
    EncoderWeights weights() {
      return roberta ? EncoderSources.smokeRoberta(CACHE) : EncoderSources.smoke(CACHE);
    }

    RunConfig config() {
      return RunConfig.defaults(task, Scale.SMOKE, method).withDataDir(dir)
          .withRepresentation(representation).withSeed(3);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    MethodConfig loraKey = new MethodConfig(Method.LORA, null, null, null, null, null, null, 2,
        4.0, null, null, List.of("key", "value"));
    return List.of(
        new Case("full cls", MethodConfig.of(Method.FULL), Representation.CLS, Task.SST2, false),
        new Case("bitfit mask", MethodConfig.of(Method.BITFIT), Representation.MASK, Task.SST2,
            false),
        new Case("roberta bitfit regression", MethodConfig.of(Method.BITFIT),
            Representation.MASK, Task.STSB, true),
        new Case("lora r1 query,value", MethodConfig.lora(1), Representation.MASK, Task.SST2,
            false),
        new Case("roberta lora r2 key,value cls", loraKey, Representation.CLS, Task.RTE, true),
        new Case("adapter m4", MethodConfig.adapter(4), Representation.MASK, Task.SST2, false),
        new Case("roberta adapter m1 cls", MethodConfig.adapter(1), Representation.CLS,
            Task.SST2, true),
        new Case("warp 3 mask", MethodConfig.warp(3), Representation.MASK, Task.SST2, false),
        new Case("roberta warp 2 regression", MethodConfig.warp(2), Representation.MASK,
            Task.STSB, true),
        new Case("warp 0 = linear mask", MethodConfig.warp(0), Representation.MASK, Task.SST2,
            false),
        new Case("linear cls", MethodConfig.of(Method.LINEAR), Representation.CLS, Task.SST2,
            true));
  }

  @BeforeAll
  static void data() {
    SmokeData.write(dir, 11, 40, 10);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void logitsAndGradientsAgreeAcrossEngines(Case c) {
    CrossEngine.Pass djl = CrossEngine.assertEnginesAgree(c.config(), c.weights(), dir,
        text -> batch(text, c), 1e-4);
    Map<String, long[]> layout = TrainableLayout.of(c.method(), c.weights().config());
    for (String name : layout.keySet()) {
      assertEquals(TrainableLayout.elements(layout.get(name)), djl.gradients().get(name).length,
          name);
    }
    assertEquals(layout.size() + 2, djl.gradients().size(), "layout tensors plus the head");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void bothEnginesTrainTheCountTheLayoutGives(Case c) {
    EncoderWeights weights = c.weights();
    long expected = TrainableLayout.count(c.method(), weights.config(),
        c.task().outputSize());
    try (NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        TaskModel model = new DjlTrainer(c.config(), dir, CACHE).build(weights, root)) {
      assertEquals(expected, model.trainableCount(), "djl");
    }
    assertEquals(expected, new SdTaskModel(c.config(), weights).trainableCount(), "dl4j");
  }

  @ParameterizedTest
  @MethodSource("loraCases")
  void mergedLoraGivesTheLogitsOfUnmergedLora(Case c) {
    EncoderWeights weights = c.weights();
    Map<String, FloatTensor> state;
    try (TextEncoder text = TextEncoder.load(weights.tokenizer(), 64);
        NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        TaskModel model = new DjlTrainer(c.config(), dir, CACHE).build(weights, root);
        NDManager step = root.newSubManager()) {
      state = CrossEngine.perturbed(model.state()); // B != 0, so the merge moves W
      model.load(state);
      EncodedBatch batch = batch(text, c);
      CrossEngine.assertClose(model.logits(batch, step).toFloatArray(),
          model.fusedLogits(batch, step).toFloatArray(), 1e-5, "djl merged vs unmerged");
    }
    SdTaskModel sd = new SdTaskModel(c.config(), weights);
    sd.load(state);
    try (TextEncoder text = TextEncoder.load(weights.tokenizer(), 64)) {
      EncodedBatch batch = batch(text, c);
      CrossEngine.assertClose(sd.logits(batch).dup('c').data().asFloat(),
          sd.fused().logits(batch).dup('c').data().asFloat(), 1e-5, "dl4j merged vs unmerged");
    }
  }

  static List<Case> loraCases() {
    return cases().stream().filter(c -> c.method().method() == Method.LORA).toList();
  }

  private static EncodedBatch batch(TextEncoder text, Case c) {
    var examples = c.task() == Task.STSB
        ? CrossEngine.SENTENCES.stream().map(s -> new slash.core.data.SentenceExample(
            s.first(), s.second(), 2.5)).toList()
        : CrossEngine.SENTENCES;
    return TaskData.encode(text, c.task(), examples, c.representation());
  }
}
