package slash.jmh;

import java.util.Locale;
import org.openjdk.jmh.annotations.Param;
import slash.core.method.MethodConfig;
import slash.methods.slash.SlashConfig;

/**
 * SLaSh with its projections {@code W_l} stored as tensors vs regenerated on the fly from the
 * seed (the paper: 3.3 to 3.1 GB on RoBERTa-base and 9.3 to 8.3 GB on large, "without
 * significantly impacting training time"). Time: one training epoch as {@link EpochTime}'s (see
 * {@link EpochBenchmark}); memory: run with {@code -prof slash.jmh.PeakMemoryProfiler} (the front
 * end always does). Each iteration opens a fresh session, so W is built (or not) inside the
 * measured window, and every (storage, engine) pair runs in its own JVM, as peak RSS is per
 * process.
 */
public class ProjectionStorage extends EpochBenchmark {
  @Param({"stored", "on_the_fly"})
  public String storage;

  @Param({"5000"})
  public int d;

  @Override
  protected MethodConfig method() {
    return SlashConfig.of(d).withStorage(slash.core.projection.ProjectionStorage.valueOf(
        storage.toUpperCase(Locale.ROOT)));
  }
}
