package slash.jmh;

import java.util.List;
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
import slash.core.text.BatchTokenizer;
import slash.core.text.EncodedBatch;
import slash.core.train.FusedModel;
import slash.core.train.TrainingSession;

/**
 * The paper's Section 3.3 inference figure: the whole QNLI validation set (5,463 pairs, shipped in
 * {@code data/mini}) through each method's inference model ({@code fused()}: folded where the
 * method folds), which the paper reports as 13.9-14.5 s on RoBERTa-base and 39.7-40.8 s on
 * RoBERTa-large, "similar for all methods". Batches of {@code batch} in file order, each padded
 * to its longest row; tokenization is done in the setup (it is the same for every method), so the
 * time is the model's.
 *
 * <p>{@code Mode.SingleShotTime} in s: one pass is one measurement. One warm-up pass, three
 * measured passes, one fork. {@code examples} = 0 means the whole set; a MiniLM pass takes about
 * a minute on DJL here and several on SameDiff, so {@code ./slash bench --quick} caps it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Dai.djl.offline=true",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=8G"})
@State(Scope.Benchmark)
public class QnliInference {
  @Param({"djl", "dl4j"})
  public String engine;

  @Param({"linear", "full", "bitfit", "lora", "adapter", "warp", "slash", "jr-warp"})
  public String method;

  @Param({"mini"})
  public String scale;

  @Param({"32"})
  public int batch;

  /** The first N examples; 0: all. */
  @Param({"0"})
  public int examples;

  private TrainingSession session;
  private FusedModel model;
  private List<EncodedBatch> batches;

  @Setup(Level.Trial)
  public void open() {
    Fixtures.Slice slice = Fixtures.realSlice().first(examples);
    RunConfig config = Fixtures.config(slice.task(), engine, scale, Fixtures.method(method),
        batch, 128);
    try (BatchTokenizer tokenizer = BatchTokenizer.forEncoder(Fixtures.weights(scale),
        config.maxLength())) {
      batches = Fixtures.inOrderBatches(tokenizer, config, slice.examples());
    }
    session = Fixtures.open(config);
    model = session.fused();
  }

  @Benchmark
  public double pass() {
    double sum = 0;
    for (EncodedBatch b : batches) {
      sum += model.logits(b)[0];
    }
    return sum;
  }

  @TearDown(Level.Trial)
  public void close() {
    model.close();
    session.close();
  }
}
