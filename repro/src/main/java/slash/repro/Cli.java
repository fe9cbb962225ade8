package slash.repro;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import slash.repro.cli.Commands;

/**
 * {@code ./slash}: the command line (picocli; {@code ./slash --help}). With no command it runs the
 * main job, {@code repro} at mini scale. Exit codes: 0 done, 2 a problem the user can fix (bad
 * option, bad data row, missing file, impossible config, a diverged run), 3 out of memory, 1 a
 * bug (with its stack trace).
 */
public final class Cli {
  private Cli() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    Commands.quietLibraries(verbose);
    List<String> list = Arrays.asList(args);
    String[] effective = list.isEmpty() || Commands.startsWithRunOption(list)
        ? prepend("repro", args) : args;
    try {
      return Commands.line(verbose, out, err).execute(effective);
    } catch (OutOfMemoryError e) {
      // ND4J caps its native memory at -Dorg.bytedeco.javacpp.maxphysicalbytes (./slash: 8G)
      err.println("error: out of memory: " + e.getMessage() + " (for DL4J, raise "
          + "-Dorg.bytedeco.javacpp.maxphysicalbytes; finished epochs are checkpointed, and "
          + "the same command resumes after the last one)");
      return Commands.OUT_OF_MEMORY;
    }
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
