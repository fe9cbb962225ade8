package slash.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process memory from /proc (Linux): peak and current resident set size, native memory included. */
public final class MemoryProbe {
  private MemoryProbe() {}

  /** Peak RSS (VmHWM) in bytes, or -1 where /proc is unavailable. */
  public static long peakRssBytes() {
    return field("VmHWM:");
  }

  /** Current RSS (VmRSS) in bytes, or -1 where /proc is unavailable. */
  public static long rssBytes() {
    return field("VmRSS:");
  }

  private static long field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
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
