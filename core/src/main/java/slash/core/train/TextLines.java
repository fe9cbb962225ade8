package slash.core.train;

import java.io.PrintWriter;

/**
 * A progress bar as text lines, for logs: the first update, the first at every tenth of the
 * total, and the last; with the total unknown, one every {@code unknownMillis}. {@link #close}
 * prints the last state if it was held back, so a log always ends with where the bar stopped.
 */
final class TextLines implements ProgressView {
  private final PrintWriter out;
  private final long unknownNanos;
  private long lastTenth = -1;
  private long lastNanos;
  private String pending;

  TextLines(PrintWriter out, long unknownMillis) {
    this.out = out;
    this.unknownNanos = unknownMillis * 1_000_000L;
  }

  @Override
  public synchronized void update(long done, long total, String line) {
    long now = System.nanoTime();
    boolean due;
    if (total > 0) {
      long tenth = 10 * done / total;
      due = tenth != lastTenth || done >= total;
      lastTenth = tenth;
    } else {
      due = lastTenth < 0 || now - lastNanos >= unknownNanos;
      lastTenth = 0;
    }
    if (due) {
      lastNanos = now;
      pending = null;
      out.println(line);
      out.flush();
    } else {
      pending = line;
    }
  }

  @Override
  public synchronized void close() {
    if (pending != null) {
      out.println(pending);
      out.flush();
      pending = null;
    }
  }
}
