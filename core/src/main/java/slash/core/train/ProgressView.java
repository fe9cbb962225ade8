package slash.core.train;

import java.io.PrintWriter;

/**
 * Where a {@link ProgressBar} shows its state: the seam between the bar's arithmetic (done, rate,
 * ETA, the one line of text) and its output. Here: a line redrawn in place on a terminal, text
 * lines for logs, or nothing; the notebook module adds one output updated in place.
 */
public interface ProgressView extends AutoCloseable {

  /**
   * The bar's state after an update.
   *
   * @param done units done so far
   * @param total units in all, 0 or less when unknown
   * @param line the whole state as one line of text (label, bar, counts, rate, ETA, status)
   */
  void update(long done, long total, String line);

  /** No more updates: the view shows the last state it was given, whatever it held back. */
  @Override
  void close();

  /** Makes the view for a new bar. */
  @FunctionalInterface
  interface Factory {
    ProgressView open(String label, long total);
  }

  /** Stderr's view: redrawn in place on a terminal, text lines elsewhere (CI logs, files). */
  static ProgressView stderr() {
    PrintWriter err = new PrintWriter(System.err, true);
    return System.console() != null ? redrawn(err) : lines(err);
  }

  /** One line redrawn in place with a carriage return, at most 5 times a second. */
  static ProgressView redrawn(PrintWriter out) {
    return new RedrawnLine(out, 200);
  }

  /**
   * Text lines, so logs stay short: the first update, one at every tenth of the total and the
   * last (every 10 s while the total is unknown); closing prints what was held back.
   */
  static ProgressView lines(PrintWriter out) {
    return new TextLines(out, 10_000);
  }

  /** Shows nothing (a quiet run). */
  static ProgressView none() {
    return new ProgressView() {
      @Override
      public void update(long done, long total, String line) {}

      @Override
      public void close() {}
    };
  }
}
