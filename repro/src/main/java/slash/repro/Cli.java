package slash.repro;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import slash.repro.cli.Commands;

/**
 * {@code ./slash}: the command line (picocli; {@code ./slash --help}). With no command it runs the
 * main job, {@code repro} at mini scale into {@value #MAIN_JOB_RESULTS}: the committed tables are
 * its references, compared cell by cell, and change only through an explicit {@code repro}. Exit codes: 0 done, 2 a problem the user can fix (bad
 * option, bad data row, missing file, impossible config, a diverged run), 3 out of memory, 1 a
 * bug (with its stack trace).
 */
public final class Cli {
  /** Where the main job writes its tables (git-ignored), beside the committed results/. */
  public static final String MAIN_JOB_RESULTS = "target/results";

  private Cli() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    Commands.quietLibraries(verbose);
    String[] effective = effective(args);
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

  /**
   * The command line to run: with no command, the main job ({@code repro}), which renders beside
   * the committed tables, never over them (those change only through an explicit {@code repro},
   * or {@code --results}).
   */
  public static String[] effective(String[] args) {
    List<String> list = Arrays.asList(args);
    if (!list.isEmpty() && !Commands.startsWithRunOption(list)) {
      return args;
    }
    boolean named = list.stream().anyMatch(a -> a.equals("--results")
        || a.startsWith("--results="));
    return prepend(named ? new String[] {"repro"}
        : new String[] {"repro", "--results", MAIN_JOB_RESULTS}, args);
  }

  private static String[] prepend(String[] first, String[] rest) {
    String[] all = new String[first.length + rest.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
