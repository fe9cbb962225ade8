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
import slash.core.train.RecomputingStep;
import slash.core.train.TrainingSession;

/**
 * One training step (forward, backward, clipped AdamW update) and, beside it, the same method's
 * forward pass, at a fixed shape: {@code batch} rows of exactly {@code length} tokens, no padding
 * (what {@code slash step-time} prints by hand). The ratio step / forward is the "SLaSh
 * step <= 1.8x the frozen forward".
 *
 * <p>{@code Mode.AverageTime} in ms: a step is short and repeatable (the state moves by one small
 * update a step, which changes no shape and no cost). Two 5 s warm-up iterations (the first steps
 * build SameDiff's graph and grow PyTorch's allocator pools), three 5 s measured iterations, one
 * fork: at MiniLM 8 x 128 a DJL step is ~0.2 s and a SameDiff step 1-2 s here, so an iteration
 * holds 3-25 steps.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Dai.djl.offline=true",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=8G"})
@State(Scope.Benchmark)
public class TrainingStep {
  @Param({"djl", "dl4j"})
  public String engine;

  @Param({"full", "bitfit", "lora", "adapter", "warp", "slash", "jr-warp"})
  public String method;

  @Param({"mini"})
  public String scale;

  @Param({"8"})
  public int batch;

  @Param({"128"})
  public int length;

  private RunConfig config;
  private TrainingSession session;
  private EncodedBatch input;

  @Setup(Level.Trial)
  public void open() {
    config = Fixtures.config(Task.SST2, engine, scale, Fixtures.method(method), batch, length);
    try (BatchTokenizer tokenizer = BatchTokenizer.forEncoder(Fixtures.weights(scale),
        length)) {
      input = Fixtures.fullBatch(tokenizer, config.task(), batch);
    }
    session = Fixtures.open(config);
  }

  @Benchmark
  public float trainStep() {
    return RecomputingStep.run(session, input, config.learningRate(), e -> { });
  }

  @Benchmark
  public PredictionCollector forward() {
    PredictionCollector collector = new PredictionCollector(config.task());
    session.predict(input, collector);
    return collector;
  }

  @TearDown(Level.Trial)
  public void close() {
    session.close();
  }
}
