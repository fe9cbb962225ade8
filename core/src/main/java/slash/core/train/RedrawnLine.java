package slash.core.train;

import java.io.PrintWriter;

/**
 * A progress line redrawn in place on a terminal ({@code \r}), throttled to one redraw every
 * {@code minMillis}; the last step and {@link #close} always draw, and end the line.
 */
final class RedrawnLine implements ProgressView {
  private final PrintWriter out;
  private final long minNanos;
  private boolean drawn;
  private long lastNanos;
  private boolean open;
  private String pending;

  RedrawnLine(PrintWriter out, long minMillis) {
    this.out = out;
    this.minNanos = minMillis * 1_000_000L;
  }

  @Override
  public synchronized void update(long done, long total, String line) {
    long now = System.nanoTime();
    boolean last = total > 0 && done >= total;
    if (!drawn || last || now - lastNanos >= minNanos) {
      draw(line, now);
    } else {
      pending = line;
    }
    if (last) {
      endLine();
    }
  }

  @Override
  public synchronized void close() {
    if (pending != null) {
      draw(pending, System.nanoTime());
    }
    endLine();
  }

  private void draw(String line, long now) {
    out.print("\r" + line);
    out.flush();
    drawn = true;
    open = true;
    lastNanos = now;
    pending = null;
  }

  private void endLine() {
    if (open) {
      out.println();
      out.flush();
      open = false;
    }
  }
}
