package slash.djl;

import ai.djl.engine.Engine;
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
    Engine engine = Engine.getEngine("PyTorch");
    return engine.getEngineName() + " " + engine.getVersion() + " on " + engine.defaultDevice();
  }
}
