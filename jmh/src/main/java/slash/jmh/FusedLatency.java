package slash.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import slash.core.config.RunConfig;
import slash.core.data.Task;
import slash.core.metrics.PredictionCollector;
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.train.FusedModel;
import slash.core.train.TrainingSession;

/**
 * Inference latency of one batch ({@code batch} x {@code length} tokens, every row full), the
 * paper's claim that a fused SLaSh costs nothing at inference:
 *
 * <ul>
 *   <li>{@code plain}: the pretrained encoder and a head (the linear probe's model, built by
 *       {@code fused()}: the same engine code path as every folded variant);
 *   <li>{@code slash-unfused}: SLaSh d = 5,000 with its shifts {@code W_l z} added at run time
 *       ({@code predict});
 *   <li>{@code slash-fused}: the same SLaSh folded into the output biases ({@code fused()});
 *   <li>{@code lora-unmerged} / {@code lora-merged}: LoRA r = 1, unmerged hooks vs merged into W;
 *   <li>{@code adapter} (m = 1), {@code jr-warp} (d = 5,000), {@code warp} (20 prompts): they do
 *       not fold; {@code fused()} hands back their unfused model.
 * </ul>
 *
 * The report's ratio {@code slash-fused / plain} (target: within 2%) carries the propagated 99.9%
 * error of both scores. {@code Mode.AverageTime} in ms; two 3 s warm-up iterations (JIT, allocator,
 * the fused model's first batch), five 3 s measured iterations (five, not three: the ratio must
 * be resolved to ~2%), one fork.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Dai.djl.offline=true",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=8G"})
@State(Scope.Benchmark)
public class FusedLatency {
  @Param({"djl", "dl4j"})
  public String engine;

  @Param({"plain", "slash-unfused", "slash-fused", "lora-unmerged", "lora-merged", "adapter",
      "jr-warp", "warp"})
  public String variant;

  @Param({"mini"})
  public String scale;

  @Param({"1", "8"})
  public int batch;

  @Param({"128"})
  public int length;

  private RunConfig config;
  private TrainingSession session;
  private FusedModel fused;
  private EncodedBatch input;

  /** The method of a variant and whether it runs folded. */
  static String methodOf(String variant) {
    return switch (variant) {
      case "plain" -> "linear";
      case "slash-unfused", "slash-fused" -> "slash";
      case "lora-unmerged", "lora-merged" -> "lora";
      case "adapter", "jr-warp", "warp" -> variant;
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    };
  }

  static boolean usesFused(String variant) {
    return !variant.endsWith("-unfused") && !variant.endsWith("-unmerged");
  }

  @Setup(Level.Trial)
  public void open() {
    config = Fixtures.config(Task.SST2, engine, scale, Fixtures.method(methodOf(variant)),
        batch, length);
    try (BatchTokenizer tokenizer = BatchTokenizer.forEncoder(Fixtures.weights(scale),
        length)) {
      input = Fixtures.fullBatch(tokenizer, config.task(), batch);
    }
    session = Fixtures.open(config);
    if (usesFused(variant)) {
      fused = session.fused();
      boolean shouldFold = variant.equals("plain") || variant.endsWith("-fused")
          || variant.endsWith("-merged");
      if (shouldFold && !fused.folded()) {
        throw new IllegalStateException(variant + " did not fold on " + engine);
      }
    }
  }

  @Benchmark
  public Object logits() {
    if (fused != null) {
      return fused.logits(input);
    }
    PredictionCollector collector = new PredictionCollector(config.task());
    session.predict(input, collector);
    return collector;
  }

  @TearDown(Level.Trial)
  public void close() {
    if (fused != null) {
      fused.close();
    }
    session.close();
  }
}
