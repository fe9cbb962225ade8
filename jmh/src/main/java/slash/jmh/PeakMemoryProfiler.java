package slash.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * Peak memory of the measured iterations, in GB (2^30 bytes, as Table 5 reports it):
 * {@code -prof slash.jmh.PeakMemoryProfiler}.
 *
 * <ul>
 *   <li>{@code peak.rss}: resident memory of the benchmark's JVM, heap and native (PyTorch's and
 *       ND4J's buffers) alike. Before each measured iteration the kernel's high-water mark is
 *       reset to the current RSS (writing {@code 5} to {@code /proc/self/clear_refs}); after it,
 *       {@code VmHWM} of {@code /proc/self/status} is the peak within the iteration. Aggregated
 *       as the maximum over iterations. Where the reset is not allowed (non-Linux, some
 *       containers) the label is {@code peak.rss.process}: the peak since the JVM started.
 *       Warm-up iterations are not counted.
 *   <li>{@code peak.gpu}: only when the benchmark's engine is DJL on a CUDA device. DJL's JNI
 *       exposes no peak-allocated counter (PyTorch's {@code max_memory_allocated} is not bound in
 *       DJL 0.35.1's {@code PyTorchLibrary}; only {@code torchCudaEmptyCache} is), so this samples
 *       {@code ai.djl.util.cuda.CudaUtils.getGpuMemory} ({@code cudaMemGetInfo}: device memory in
 *       use, the CUDA context and PyTorch's cached blocks included) every millisecond during the
 *       iteration and reports the maximum: an upper bound on what PyTorch allocated, the same
 *       quantity {@code nvidia-smi} shows. ND4J's CUDA backend does not run on current GPUs (its
 *       kernels stop at sm_86), so DL4J gets no GPU figure.
 * </ul>
 */
public final class PeakMemoryProfiler implements InternalProfiler {
  private static final double GB = 1L << 30;
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private boolean reset;
  private GpuSampler gpu;

  @Override
  public String getDescription() {
    return "peak RSS of the measured iterations (clear_refs + VmHWM) and, for DJL on CUDA, "
        + "peak device memory in use (sampled cudaMemGetInfo), in GB";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    if (iteration.getType() != IterationType.MEASUREMENT) {
      return;
    }
    reset = resetPeak();
    String engine = benchmark.getParam("engine");
    if (engine == null || engine.equalsIgnoreCase("djl")) {
      gpu = GpuSampler.startIfCuda();
    }
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmark,
      IterationParams iteration, IterationResult result) {
    List<Result> out = new ArrayList<>();
    if (iteration.getType() != IterationType.MEASUREMENT) {
      return out;
    }
    long peak = statusField("VmHWM:");
    if (peak > 0) {
      out.add(new ScalarResult(reset ? "peak.rss" : "peak.rss.process", peak / GB, "GB",
          AggregationPolicy.MAX));
    }
    if (gpu != null) {
      long gpuPeak = gpu.stop();
      out.add(new ScalarResult("peak.gpu", gpuPeak / GB, "GB", AggregationPolicy.MAX));
      gpu = null;
    }
    return out;
  }

  /** Resets VmHWM to the current RSS; false where the kernel does not let us. */
  static boolean resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** A field of /proc/self/status in bytes (VmHWM, VmRSS), or -1. */
  static long statusField(String name) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
