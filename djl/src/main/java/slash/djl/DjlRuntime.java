package slash.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import slash.core.train.TrainingDevice;
import java.nio.file.Path;

/**
 * Engine set-up that must happen before DJL loads: offline mode (natives come from the Maven
 * artifact on the classpath, never a download) and a cache folder for the unpacked natives.
 */
public final class DjlRuntime {
  private DjlRuntime() {}

  public static void configure(Path cacheDir) {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("DJL_CACHE_DIR", cacheDir.resolve("djl").toString());
    setIfAbsent("ENGINE_CACHE_DIR", cacheDir.resolve("djl").toString());
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null && System.getenv(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** e.g. "PyTorch 2.7.1 on cpu()". */
  public static String describe() {
    return describe(Engine.getEngine("PyTorch").defaultDevice());
  }

  /** e.g. "PyTorch 2.7.1 on gpu(1)". */
  public static String describe(Device device) {
    Engine engine = Engine.getEngine("PyTorch");
    return engine.getEngineName() + " " + engine.getVersion() + " on " + device;
  }

  /**
   * DJL's device for {@code device}; a GPU this PyTorch cannot see (a CPU build, or an index
   * past its GPUs) is refused with one sentence before any array is made.
   */
  public static Device device(TrainingDevice device) {
    Engine engine = Engine.getEngine("PyTorch");
    return switch (device.kind()) {
      case ENGINE_DEFAULT -> engine.defaultDevice();
      case CPU -> Device.cpu();
      case GPU -> {
        int gpus = engine.getGpuCount();
        if (device.gpu() >= gpus) {
          throw new IllegalStateException("this run was given GPU " + device.gpu()
              + ", but PyTorch here sees " + gpus + " GPU(s)" + (gpus == 0
                  ? " (a CPU build: build with -Pcuda on a machine with CUDA)" : ""));
        }
        yield Device.gpu(device.gpu());
      }
    };
  }
}
