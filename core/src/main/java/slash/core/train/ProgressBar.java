package slash.core.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar with rate and ETA on stderr. Redraws in place on a terminal; elsewhere
 * (CI logs, files) prints a line every 10% so logs stay short.
 */
public final class ProgressBar {
  private static final int WIDTH = 24;
  private final String label;
  private final long total;
  private final PrintStream out;
  private final boolean interactive;
  private final long start = System.nanoTime();
  private long done;
  private int lastDecile = -1;

  public ProgressBar(String label, long total) {
    this(label, total, System.err, System.console() != null);
  }

  ProgressBar(String label, long total, PrintStream out, boolean interactive) {
    this.label = label;
    this.total = Math.max(1, total);
    this.out = out;
    this.interactive = interactive;
  }

  public void step(String status) {
    done++;
    int decile = (int) (10 * done / total);
    if (interactive) {
      out.print("\r" + render(status));
      if (done == total) {
        out.println();
      }
    } else if (decile != lastDecile || done == total) {
      lastDecile = decile;
      out.println(render(status));
    }
  }

  String render(String status) {
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = done / Math.max(seconds, 1e-9);
    double eta = (total - done) / Math.max(rate, 1e-9);
    int filled = (int) (WIDTH * done / total);
    return String.format(Locale.ROOT, "%s [%s%s] %d/%d %.1f it/s ETA %s %s", label,
        "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, rate, clock(eta), status);
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
