package slash.methods;

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
import slash.baselines.adapter.AdapterConfig;
import slash.baselines.bitfit.BitFitConfig;
import slash.baselines.full.FullConfig;
import slash.baselines.linear.LinearConfig;
import slash.baselines.lora.LoraConfig;
import slash.baselines.warp.WarpConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.io.FloatTensor;
import slash.core.method.AttentionProjection;
import slash.core.method.MethodConfig;
import slash.core.method.Trainables;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.smoke.SmokeData;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.text.Representation;
import slash.core.train.FusedModel;
import slash.djl.DjlTaskModel;
import slash.dl4j.SdTaskModel;

/**
 * Every baseline, like SLaSh: the same weights, state and batch give the same logits, loss and
 * gradients on DJL and SameDiff; each engine trains exactly the tensors its layout lists; and
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
    MethodConfig loraKey = new LoraConfig(2, 4.0,
        List.of(AttentionProjection.KEY, AttentionProjection.VALUE));
    return List.of(
        new Case("full cls", new FullConfig(), Representation.CLS, Task.SST2, false),
        new Case("bitfit mask", new BitFitConfig(), Representation.MASK, Task.SST2,
            false),
        new Case("roberta bitfit regression", new BitFitConfig(),
            Representation.MASK, Task.STSB, true),
        new Case("lora r1 query,value", LoraConfig.of(1), Representation.MASK, Task.SST2,
            false),
        new Case("roberta lora r2 key,value cls", loraKey, Representation.CLS, Task.RTE, true),
        new Case("adapter m4", new AdapterConfig(4), Representation.MASK, Task.SST2, false),
        new Case("roberta adapter m1 cls", new AdapterConfig(1), Representation.CLS,
            Task.SST2, true),
        new Case("warp 3 mask", new WarpConfig(3), Representation.MASK, Task.SST2, false),
        new Case("roberta warp 2 regression", new WarpConfig(2), Representation.MASK,
            Task.STSB, true),
        new Case("warp 0 = linear mask", new WarpConfig(0), Representation.MASK, Task.SST2,
            false),
        new Case("linear cls", new LinearConfig(), Representation.CLS, Task.SST2,
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
    Map<String, long[]> layout = c.method().layout(c.weights().config());
    for (String name : layout.keySet()) {
      assertEquals(Trainables.elements(layout.get(name)), djl.gradients().get(name).length,
          name);
    }
    assertEquals(layout.size() + 2, djl.gradients().size(), "layout tensors plus the head");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void bothEnginesTrainTheCountTheLayoutGives(Case c) {
    EncoderWeights weights = c.weights();
    long expected = Trainables.count(c.method(), weights.config(),
        c.task().outputSize());
    // and the layout's count is the one the loaded weights' own shapes give, counted apart
    assertEquals(countFromWeights(c.method(), weights, c.task().outputSize()), expected,
        c.name() + ": layout count vs count from the weights' shapes");
    try (NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        DjlTaskModel model = Models.djl(c.config(), weights, root)) {
      assertEquals(expected, model.trainableCount(), "djl");
    }
    assertEquals(expected, Models.sd(c.config(), weights).trainableCount(), "dl4j");
  }

  @ParameterizedTest
  @MethodSource("loraCases")
  void mergedLoraGivesTheLogitsOfUnmergedLora(Case c) {
    EncoderWeights weights = c.weights();
    Map<String, FloatTensor> state;
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64);
        NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
        DjlTaskModel model = Models.djl(c.config(), weights, root);
        NDManager step = root.newSubManager()) {
      state = CrossEngine.perturbed(model.state()); // B != 0, so the merge moves W
      model.load(state);
      EncodedBatch batch = batch(text, c);
      CrossEngine.assertClose(model.logits(batch, step).toFloatArray(),
          fused(model, batch), 1e-5, "djl merged vs unmerged");
    }
    SdTaskModel sd = Models.sd(c.config(), weights);
    sd.load(state);
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), 64)) {
      EncodedBatch batch = batch(text, c);
      CrossEngine.assertClose(sd.logits(batch).dup('c').data().asFloat(),
          sd.fused().logits(batch), 1e-5, "dl4j merged vs unmerged");
    }
  }

  static List<Case> loraCases() {
    return cases().stream().filter(c -> c.method() instanceof LoraConfig).toList();
  }

  private static EncodedBatch batch(BatchTokenizer text, Case c) {
    var examples = c.task() == Task.STSB
        ? CrossEngine.SENTENCES.stream().map(s -> new slash.core.data.SentenceExample(
            s.first(), s.second(), 2.5)).toList()
        : CrossEngine.SENTENCES;
    return TaskData.encode(text, c.task(), examples, c.representation());
  }

  private static float[] fused(DjlTaskModel model, EncodedBatch batch) {
    try (FusedModel fused = model.fused()) {
      return fused.logits(batch);
    }
  }

  /**
   * Each baseline's trainable count from the loaded tensors' shapes alone, written from the
   * papers' definitions without the method's layout: full finetuning every encoder tensor,
   * BitFit every bias, LoRA r x (in + out) per adapted projection, Houlsby adapters two
   * bottlenecks per block (down h x m + m, up m x h + h), WARP n prompt vectors of the embedding
   * width; plus the linear head, C x (hidden + 1).
   */
  static long countFromWeights(MethodConfig method, EncoderWeights weights, int outputs) {
    Map<String, FloatTensor> tensors = weights.tensors();
    long[] wordEmbeddings = tensors.entrySet().stream()
        .filter(e -> e.getKey().endsWith("word_embeddings.weight")).findFirst().orElseThrow()
        .getValue().shape();
    long hidden = wordEmbeddings[1];
    long head = outputs * (hidden + 1);
    long blocks = tensors.keySet().stream().filter(n -> n.matches(".*layer\\.\\d+\\.output\\.dense\\.bias"))
        .count();
    long own;
    if (method instanceof FullConfig) {
      own = tensors.entrySet().stream().filter(e -> !e.getKey().contains("pooler"))
          .mapToLong(e -> elements(e.getValue().shape())).sum();
    } else if (method instanceof BitFitConfig) {
      own = tensors.entrySet().stream().filter(e -> e.getKey().endsWith(".bias")
          && !e.getKey().contains("pooler")).mapToLong(e -> elements(e.getValue().shape())).sum();
    } else if (method instanceof LoraConfig lora) {
      own = 0;
      for (var e : tensors.entrySet()) {
        for (AttentionProjection target : lora.targets()) {
          if (e.getKey().endsWith("attention.self." + target.id() + ".weight")) {
            long[] shape = e.getValue().shape();
            own += lora.rank() * (shape[0] + shape[1]);
          }
        }
      }
    } else if (method instanceof AdapterConfig adapter) {
      long m = adapter.bottleneck();
      own = blocks * 2 * (hidden * m + m + m * hidden + hidden);
    } else if (method instanceof WarpConfig warp) {
      own = warp.promptLength() * hidden;
    } else if (method instanceof LinearConfig) {
      own = 0;
    } else {
      throw new IllegalArgumentException("no independent count for " + method);
    }
    return own + head;
  }

  private static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }
}
