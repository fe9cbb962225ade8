package slash.jmh;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;

/**
 * Peak device memory in use while an iteration runs, by polling {@code cudaMemGetInfo} through
 * DJL ({@link CudaUtils#getGpuMemory}) on a daemon thread. Kept out of {@link PeakMemoryProfiler}
 * so a DL4J benchmark never loads DJL's classes.
 */
final class GpuSampler {
  private final Device device;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;

  private GpuSampler(Device device) {
    this.device = device;
    this.peak = used(device);
    this.thread = new Thread(this::poll, "peak-gpu-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** A running sampler when DJL's PyTorch runs on a GPU, else null. */
  static GpuSampler startIfCuda() {
    try {
      if (CudaUtils.getGpuCount() == 0) {
        return null;
      }
      Device device = Engine.getEngine("PyTorch").defaultDevice();
      return device.isGpu() ? new GpuSampler(device) : null;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static long used(Device device) {
    return CudaUtils.getGpuMemory(device).getUsed();
  }

  private void poll() {
    while (running) {
      peak = Math.max(peak, used(device));
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops polling; the peak in bytes. */
  long stop() {
    running = false;
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Math.max(peak, used(device));
  }
}
