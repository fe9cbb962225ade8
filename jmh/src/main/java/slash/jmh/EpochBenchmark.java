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
import slash.core.method.MethodConfig;
import slash.core.text.BatchTokenizer;
import slash.core.train.TrainingSession;

/**
 * One training epoch over a fixed slice of a real task (QNLI's dev pairs, shipped in {@code
 * data/mini}; SST-2 where QNLI is missing), batch 8, seeded shuffle, each batch padded to its
 * longest row (dynamic padding), the trainer's step policy, no evaluation; a subclass names the
 * method ({@link EpochTime}: Table 5's rows, {@link ProjectionStorage}: stored vs on-the-fly W).
 * JMH generates the benchmark under each subclass's name ({@code EpochTime.epoch}), with these
 * annotations and parameters.
 *
 * <p>{@code Mode.SingleShotTime}: an epoch is long and not repeatable in place (the model moves),
 * so each iteration opens a fresh session (same seeded initial values, fresh AdamW state; the
 * opening is inside the iteration, so peak memory includes the model and its optimizer, as
 * Table 5's peak GPU memory does) and times exactly one epoch. One warm-up epoch lets the JIT,
 * PyTorch's allocator and SameDiff's graph cache settle (the first epoch is 1.3-2x slower);
 * three measured epochs give a mean and a 99.9% error; one fork per parameter set (peak RSS is
 * per process), because every fork reloads PyTorch and ND4J and the spread between forks is
 * small next to the spread between epochs on a shared 2-core machine. Sizes: {@code examples}
 * 256 (32 steps) keeps a MiniLM epoch of full finetuning on DL4J near a minute here; the paper's
 * full QNLI epoch is {@code -p examples=104743} with the train file.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Dai.djl.offline=true",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=8G"})
@State(Scope.Benchmark)
public abstract class EpochBenchmark {
  @Param({"djl", "dl4j"})
  public String engine;

  @Param({"mini"})
  public String scale;

  /** Examples in the epoch: the first N of the slice. */
  @Param({"256"})
  public int examples;

  private RunConfig config;
  private BatchTokenizer tokenizer;
  private Fixtures.Slice slice;
  private TrainingSession session;

  /** The method one epoch trains, from the subclass's own parameters. */
  protected abstract MethodConfig method();

  @Setup(Level.Trial)
  public void load() {
    slice = Fixtures.realSlice().first(examples);
    config = Fixtures.config(slice.task(), engine, scale, method(), Fixtures.BATCH, 128);
    tokenizer = BatchTokenizer.forEncoder(Fixtures.weights(scale), config.maxLength());
  }

  @Setup(Level.Iteration)
  public void open() {
    session = Fixtures.open(config);
  }

  @Benchmark
  public double epoch() {
    return Fixtures.trainEpoch(session, tokenizer, config, slice.examples());
  }

  @TearDown(Level.Iteration)
  public void close() {
    session.close();
  }

  @TearDown(Level.Trial)
  public void unload() {
    tokenizer.close();
  }
}
