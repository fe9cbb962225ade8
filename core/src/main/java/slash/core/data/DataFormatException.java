package slash.core.data;

import java.nio.file.Path;

/** Bad input in a task file; the message always names the file and, where there is one, the line. */
public class DataFormatException extends RuntimeException {
  private final Path file;
  private final int line;

  public DataFormatException(Path file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  /** 1-based line number, or 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }
}
