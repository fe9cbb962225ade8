package slash.jupyter;

import java.io.PrintStream;

/**
 * Where a progress bar shows its state: the seam between a bar's arithmetic (steps done, rate,
 * ETA, the one-line text) and its output. {@link Progress} draws through one; so can any other bar
 * that renders a line, such as the CLI's text bar ({@code slash.core.train.ProgressBar}, which
 * prints {@code "label [#####...] 12/40 3.1 it/s ETA 0:09 loss 0.41"}).
 *
 * <p>The interface uses JDK types only, on purpose: {@code slash-core} cannot depend on this module
 * (this module depends on core), so routing core's bar to a notebook means core sees an interface
 * of exactly this shape. Either this interface moves to core unchanged (it depends on nothing) and
 * core's bar calls {@code view.update(done, total, render(status))} where it prints today, with
 * {@link #open} (or a {@link Factory} found by {@link java.util.ServiceLoader}) choosing the view;
 * or core keeps its own copy and this module adapts it. Until then, core's bar in a notebook
 * is not interactive and prints about ten lines per bar to stderr, not one per step.
 *
 * <p>Implementations here: a notebook view ({@link #open} inside the kernel: one output,
 * {@code update_display_data} with a fixed display id, throttled to a few redraws a second, the
 * last state always shown) and a text view (a line at every tenth, for logs).
 */
public interface ProgressView extends AutoCloseable {

  /**
   * The bar's state after a step.
   *
   * @param done steps done, 0..total
   * @param total steps in all (at least 1)
   * @param line the whole state as one line of text (label, bar, counts, rate, ETA, status)
   */
  void update(long done, long total, String line);

  /** No more updates: the view shows the last state it was given, whatever throttling held back. */
  @Override
  void close();

  /** Makes the view for a new bar. */
  @FunctionalInterface
  interface Factory {
    ProgressView open(String label, long total);
  }

  /**
   * The view for a new bar: in the notebook kernel, one output updated in place; elsewhere, text
   * lines on stderr at every tenth.
   */
  static ProgressView open(String label, long total) {
    return Display.inNotebook() ? new NotebookProgressView(200) : text(System.err);
  }

  /** A text view: prints the line at the first step, every tenth of the total, and the last step. */
  static ProgressView text(PrintStream out) {
    return new ProgressView() {
      private int lastTenth = -1;
      private String pending;

      @Override
      public void update(long done, long total, String line) {
        int tenth = (int) (10 * done / Math.max(1, total));
        if (tenth != lastTenth || done >= total) {
          lastTenth = tenth;
          pending = null;
          out.println(line);
        } else {
          pending = line;
        }
      }

      @Override
      public void close() {
        if (pending != null) {
          out.println(pending);
          pending = null;
        }
      }
    };
  }
}
