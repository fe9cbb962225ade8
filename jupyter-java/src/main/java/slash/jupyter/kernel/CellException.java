package slash.jupyter.kernel;

import java.util.List;

/**
 * A cell that failed, as Jupyter shows it: {@code ename} (the exception's class name, or
 * {@code CompilationError}, {@code IncompleteInput}, {@code Interrupted}), {@code evalue} (its message,
 * with the cell line where it happened), and the traceback lines, in which every frame of notebook
 * code names its cell and line ({@code In [3] line 2}) and quotes that line.
 */
public final class CellException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String ename;
  private final String evalue;
  private final List<String> traceback;

  CellException(String ename, String evalue, List<String> traceback, Throwable cause) {
    super(ename + ": " + evalue, cause);
    this.ename = ename;
    this.evalue = evalue;
    this.traceback = List.copyOf(traceback);
  }

  public String ename() {
    return ename;
  }

  public String evalue() {
    return evalue;
  }

  public List<String> traceback() {
    return traceback;
  }

  /** The traceback as one text, a line per element. */
  public String text() {
    return String.join("\n", traceback);
  }
}
