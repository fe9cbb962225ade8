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
import slash.core.text.BatchTokenizer;
import slash.core.train.TrainingSession;
import slash.methods.slash.SlashConfig;

/**
 * SLaSh with its projections {@code W_l} stored as tensors vs regenerated on the fly from the
 * seed (the paper: 3.3 to 3.1 GB on RoBERTa-base and 9.3 to 8.3 GB on large, "without
 * significantly impacting training time"). Time: one training epoch as in {@link EpochTime} (same
 * slice, batch 8, dynamic padding); memory: run with {@code -prof slash.jmh.PeakMemoryProfiler}
 * (the front end always does). Each iteration opens a fresh session, so W is built (or not)
 * inside the measured window.
 *
 * <p>{@code Mode.SingleShotTime}, one warm-up and three measured epochs, one fork: as EpochTime.
 * Forks matter more here than elsewhere for memory: peak RSS is per process, so every (storage,
 * engine) pair runs in its own JVM.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Dai.djl.offline=true",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=8G"})
@State(Scope.Benchmark)
public class ProjectionStorage {
  @Param({"djl", "dl4j"})
  public String engine;

  @Param({"stored", "on_the_fly"})
  public String storage;

  @Param({"5000"})
  public int d;

  @Param({"mini"})
  public String scale;

  @Param({"256"})
  public int examples;

  private RunConfig config;
  private BatchTokenizer tokenizer;
  private Fixtures.Slice slice;
  private TrainingSession session;

  @Setup(Level.Trial)
  public void load() {
    slice = Fixtures.realSlice().first(examples);
    SlashConfig method = SlashConfig.of(d).withStorage(
        slash.core.projection.ProjectionStorage.valueOf(storage.toUpperCase(java.util.Locale.ROOT)));
    config = Fixtures.config(slice.task(), engine, scale, method, Fixtures.BATCH, 128);
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
