package slash.core.train;

import java.util.Locale;

/**
 * The one progress bar of the project, for training steps and downloaded bytes alike: label, bar,
 * counts, rate and ETA as one line ({@code epoch 1/3 [#####...] 12/40 3.1 it/s ETA 0:09 loss
 * 0.41}), drawn through a {@link ProgressView}: on stderr by default, in a notebook by the
 * notebook module.
 */
public final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 24;

  /** What the bar counts, and how a count and a rate of it read. */
  public enum Unit {
    STEPS {
      @Override
      public String amount(long n) {
        return Long.toString(n);
      }

      @Override
      String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f it/s", perSecond);
      }
    },
    BYTES {
      /** In B, kB, MB, GB (powers of 1000, as curl and pip print them). */
      @Override
      public String amount(long n) {
        if (n < 1000) {
          return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = n;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
          value /= 1000;
          unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s"
            : "%.0f %s", value, units[unit]);
      }

      @Override
      String rate(double perSecond) {
        return amount((long) perSecond) + "/s";
      }
    };

    /** {@code n} of this unit as the bar shows it. */
    public abstract String amount(long n);

    abstract String rate(double perSecond);
  }

  private final String label;
  private final long first;
  private final long total;
  private final Unit unit;
  private final ProgressView view;
  private final long start = System.nanoTime();
  private long done;
  private String status = "";

  /** A bar of {@code total} steps on stderr. */
  public ProgressBar(String label, long total) {
    this(label, total, ProgressView.stderr());
  }

  /** A bar of {@code total} steps drawn through {@code view}. */
  public ProgressBar(String label, long total, ProgressView view) {
    this(label, 0, Math.max(1, total), Unit.STEPS, view);
  }

  /**
   * A bar from {@code first} (done before it started: a resumed download, not counted in the
   * rate) to {@code total} ({@code 0} or less: unknown, no bar and no ETA).
   */
  public ProgressBar(String label, long first, long total, Unit unit, ProgressView view) {
    this.label = label;
    this.first = first;
    this.total = total;
    this.unit = unit;
    this.view = view;
    this.done = first;
  }

  /** One step done; {@code status} (e.g. the loss) is shown after the ETA. */
  public void step(String newStatus) {
    set(done + 1, newStatus);
  }

  /** One step done, status unchanged. */
  public void step() {
    set(done + 1, status);
  }

  /** Sets what is done (e.g. bytes so far, or steps when resuming) and the status. */
  public synchronized void set(long newDone, String newStatus) {
    done = total > 0 ? Math.min(Math.max(0, newDone), total) : Math.max(0, newDone);
    status = newStatus == null ? "" : newStatus;
    view.update(done, total, line());
  }

  /** What is done so far. */
  public synchronized long done() {
    return done;
  }

  /** Shows the last state (a throttled view may have held it back). */
  @Override
  public void close() {
    view.close();
  }

  /** The state as one line: {@code label [#####...] 12/40 3.1 it/s ETA 0:09 status}. */
  public synchronized String line() {
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = (done - first) / Math.max(seconds, 1e-9);
    StringBuilder line = new StringBuilder(label);
    if (total > 0) {
      int filled = (int) (WIDTH * done / total);
      double eta = (total - done) / Math.max(rate, 1e-9);
      line.append(" [").append("#".repeat(filled)).append(".".repeat(WIDTH - filled))
          .append("] ").append(unit.amount(done)).append('/').append(unit.amount(total))
          .append(' ').append(unit.rate(rate)).append(" ETA ").append(clock(eta));
    } else {
      line.append(' ').append(unit.amount(done)).append(' ').append(unit.rate(rate));
    }
    return line.append(' ').append(status).toString().strip();
  }

  @Override
  public String toString() {
    return line();
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour (at most 99:59:59). */
  static String clock(double seconds) {
    long s = Math.round(Math.min(seconds, 359_999));
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
