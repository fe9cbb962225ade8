package slash.repro.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import slash.core.data.DataFormatException;
import slash.djl.DjlRuntime;
import slash.dl4j.SdRuntime;
import slash.repro.ModelCache;

/** The picocli command tree, its error handling and its exit codes. */
public final class Commands {
  /** A problem the user can fix; also picocli's code for a bad command line. */
  public static final int USER_ERROR = 2;
  public static final int OUT_OF_MEMORY = 3;

  private Commands() {}

  /** The top command: {@code slash [--verbose] COMMAND}. */
  @Command(name = "slash", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "SLaSh and JR-WARP (Findings of ACL 2023) on DJL and DL4J: train, "
          + "evaluate, and regenerate the paper's tables. With no command: repro at mini scale.",
      subcommands = CommandLine.HelpCommand.class)
  static final class Top implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
        description = "show library logging and stack traces")
    boolean verbose;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(new CommandLine(this), "no command given");
    }
  }

  public static CommandLine line(boolean verbose, PrintWriter out, PrintWriter err) {
    CommandLine top = new CommandLine(new Top());
    top.addSubcommand("repro", new ReproCommand());
    top.addSubcommand("train", withMethods(new TrainCommand()));
    top.addSubcommand("step-time", withMethods(new StepTimeCommand()));
    top.addSubcommand("eval", new EvalCommand());
    top.addSubcommand("predict", new PredictCommand());
    top.addSubcommand("privacy", new PrivacyCommand());
    top.addSubcommand("fetch-data", new FetchDataCommand());
    top.addSubcommand("smoke", new SmokeCommand());
    top.addSubcommand("bench", new BenchCommand());
    top.addSubcommand("notebook", new NotebookCommand());
    // picocli's own bash/zsh completion script: source <(./slash completion)
    CommandLine completion = new CommandLine(new picocli.AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().description("Print a bash/zsh completion "
        + "script for slash: source <(./slash completion)");
    top.addSubcommand("completion", completion);
    top.setOut(out);
    top.setErr(err);
    top.setCaseInsensitiveEnumValuesAllowed(true);
    top.setParameterExceptionHandler(usageError(err));
    top.setExecutionExceptionHandler(failure(verbose, err));
    DjlRuntime.configure(ModelCache.dir());
    return top;
  }

  private static CommandLine withMethods(Object command) {
    CommandLine line = new CommandLine(command);
    MethodOptions methods = new MethodOptions(line.getCommandSpec());
    if (command instanceof TrainCommand train) {
      train.methods = methods;
    } else if (command instanceof StepTimeCommand stepTime) {
      stepTime.methods = methods;
    }
    return line;
  }

  /** Bad command lines: one {@code error:} line, picocli's suggestions, where to get help. */
  private static IParameterExceptionHandler usageError(PrintWriter err) {
    return (e, args) -> {
      err.println("error: " + e.getMessage());
      String closest = closestOption(e);
      if (closest != null) {
        err.println("did you mean " + closest + "?");
      } else if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
        err.println("see '" + e.getCommandLine().getCommandSpec().qualifiedName()
            + " --help'");
      }
      return USER_ERROR;
    };
  }

  /** The option nearest an unknown one by edit distance (a typo), or null. */
  static String closestOption(CommandLine.ParameterException e) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) {
      return null;
    }
    for (String arg : unmatched.getUnmatched()) {
      if (!arg.startsWith("--")) {
        continue;
      }
      String typed = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (var option : e.getCommandLine().getCommandSpec().options()) {
        for (String name : option.names()) {
          int distance = editDistance(typed, name);
          if (distance < bestDistance) {
            bestDistance = distance;
            best = name;
          }
        }
      }
      if (best != null && bestDistance <= Math.max(2, typed.length() / 3)) {
        return best;
      }
    }
    return null;
  }

  /** Levenshtein distance, with a transposition counted as one edit (--rnak: --rank). */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** Failures while running: one line for what the user can fix, a trace for bugs. */
  private static IExecutionExceptionHandler failure(boolean verbose, PrintWriter err) {
    return (e, line, parsed) -> {
      if (e instanceof CommandLine.ParameterException bad) {
        return usageError(err).handleParseException(bad, new String[0]);
      }
      if (verbose) {
        e.printStackTrace(err);
      }
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
          || e instanceof ArithmeticException || e instanceof UncheckedIOException
          || e instanceof DataFormatException || e instanceof UnsupportedOperationException) {
        err.println("error: " + e.getMessage());
        return USER_ERROR;
      }
      if (!verbose) {
        e.printStackTrace(err);
      }
      return 1;
    };
  }

  /**
   * Library logging at warnings only with {@code --verbose}, errors only otherwise (a CPU user
   * need not read that DJL found no CUDA driver). Must run before any logger exists.
   */
  public static void quietLibraries(boolean verbose) {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "error");
    SdRuntime.configure();
  }

  /** Whether the arguments begin with an option of {@code repro} rather than a command. */
  public static boolean startsWithRunOption(List<String> args) {
    String first = args.get(0);
    return first.startsWith("--") && !List.of("--help", "--version", "--verbose").contains(first);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
