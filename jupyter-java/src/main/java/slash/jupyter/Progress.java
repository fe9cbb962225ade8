package slash.jupyter;

import java.util.Locale;

/**
 * A progress bar with rate and ETA, drawn through a {@link ProgressView}: in a notebook one output
 * redrawn in place, elsewhere a text line at every tenth. Same calls and same line as the CLI's
 * {@code slash.core.train.ProgressBar} ({@code new ...(label, total)}, {@code step(status)}), so
 * a training loop written for one reads the same with the other.
 *
 * <pre>{@code
 * try (var bar = Display.progress("epoch 1/3", batches.size())) {
 *   for (var b : batches) { float loss = step(b); bar.step(String.format("loss %.4f", loss)); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
  private static final int WIDTH = 24;
  private final String label;
  private final long total;
  private final ProgressView view;
  private final long start = System.nanoTime();
  private long done;
  private String status = "";

  /** A bar of {@code total} steps drawn through {@code view}. */
  public Progress(String label, long total, ProgressView view) {
    this.label = label;
    this.total = Math.max(1, total);
    this.view = view;
  }

  /** One step done; {@code status} (e.g. the loss) is shown after the ETA. */
  public void step(String status) {
    set(done + 1, status);
  }

  /** One step done, status unchanged. */
  public void step() {
    set(done + 1, status);
  }

  /** Sets the steps done (e.g. when resuming) and the status. */
  public void set(long stepsDone, String newStatus) {
    done = Math.min(Math.max(0, stepsDone), total);
    status = newStatus == null ? "" : newStatus;
    view.update(done, total, line());
  }

  /** Steps done so far. */
  public long done() {
    return done;
  }

  /** Shows the last state (a throttled view may have held it back). */
  @Override
  public void close() {
    view.close();
  }

  /** The state as one line: {@code label [#####...] 12/40 3.1 it/s ETA 0:09 status}. */
  public String line() {
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = done / Math.max(seconds, 1e-9);
    double eta = (total - done) / Math.max(rate, 1e-9);
    int filled = (int) (WIDTH * done / total);
    return String.format(Locale.ROOT, "%s [%s%s] %d/%d %.1f it/s ETA %s %s", label,
        "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, rate, clock(eta), status).strip();
  }

  @Override
  public String toString() {
    return line();
  }

  static String clock(double seconds) {
    long s = Math.round(Math.min(seconds, 359_999));
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
