package slash.repro.data;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A download's progress on stderr: bytes so far and in all, rate, ETA. As the training progress
 * bar ({@code core/train/ProgressBar}): redrawn in place on a terminal (at most 5 times a second),
 * elsewhere a line every 10% (every 10 s when the size is unknown), so logs stay short.
 */
final class DownloadProgress {
  private final String label;
  private final long resumedFrom;
  private final long total;
  private final PrintWriter out;
  private final boolean interactive;
  private final long start = System.nanoTime();
  private long lastPrint;
  private int lastDecile;
  private boolean open;

  /** {@code total}: the whole file's size, or -1; {@code resumedFrom}: bytes already there. */
  DownloadProgress(String label, long resumedFrom, long total, PrintWriter out,
      boolean interactive) {
    this.label = label;
    this.resumedFrom = resumedFrom;
    this.total = total;
    this.out = out;
    this.interactive = interactive;
    this.lastDecile = total > 0 ? (int) (10 * resumedFrom / total) : 0;
    this.lastPrint = start;
  }

  synchronized void update(long bytes) {
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    if (interactive) {
      if (now - lastPrint > 200_000_000L) {
        lastPrint = now;
        out.print("\r" + render(bytes, now));
        out.flush();
        open = true;
      }
    } else if (total > 0) {
      int decile = (int) (10 * bytes / total);
      if (decile > lastDecile && bytes < total) {
        lastDecile = decile;
        out.println(render(bytes, now));
      }
    } else if (now - lastPrint > 10_000_000_000L) {
      lastPrint = now;
      out.println(render(bytes, now));
    }
  }

  /** The last line: the whole size and the mean rate, or where it stopped. */
  synchronized void finish(long bytes, String status) {
    if (out == null) {
      return;
    }
    out.print((interactive && open ? "\r" : "") + render(bytes, System.nanoTime())
        + (status.isEmpty() ? "" : " " + status) + System.lineSeparator());
    out.flush();
  }

  String render(long bytes, long now) {
    double seconds = Math.max((now - start) / 1e9, 1e-3);
    double rate = (bytes - resumedFrom) / seconds;
    StringBuilder line = new StringBuilder(label).append(' ').append(size(bytes));
    if (total > 0) {
      line.append(" / ").append(size(total)).append(String.format(Locale.ROOT, " (%d%%)",
          100 * bytes / total));
    }
    line.append(' ').append(size((long) rate)).append("/s");
    if (total > 0 && bytes < total) {
      line.append(" ETA ").append(rate > 0 ? clock((total - bytes) / rate) : "?");
    }
    return line.toString();
  }

  /** Bytes in B, kB, MB, GB (powers of 1000, as curl and pip print them). */
  static String size(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s"
        : "%.0f %s", value, units[unit]);
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
