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

  /**
   * Resets the peak RSS to the current RSS (Linux 4.0+: "5" into /proc/self/clear_refs), so that
   * {@link #peakRssBytes} measures from now: one run's own peak in a process that trains many.
   *
   * @return whether the reset took effect
   */
  public static boolean resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
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
