package slash.repro.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slash notebook}: Jupyter on {@code jupyter-java/notebooks} with the project's Java kernel;
 * {@code slash notebook install} builds and registers the kernel ({@code jupyter-java/install.sh});
 * {@code slash notebook execute} runs the notebooks headless with this checkout's kernel and stores
 * their outputs (the only way the committed notebooks change; the tests write copies under
 * {@code target/}). Without Jupyter it prints the Debian packages to install and exits 2.
 */
@Command(name = "notebook", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Start Jupyter on jupyter-java/notebooks with the \"Java (slash-repro)\" kernel.",
        "'notebook install' first builds the kernel and registers it (jupyter-java/install.sh).",
        "'notebook execute [NOTEBOOK...]' runs notebooks headless (default: all of",
        "jupyter-java/notebooks) with this checkout's kernel (built and registered by install.sh in",
        "jupyter-java/target/jupyter-execute) and writes them with their outputs, over the notebooks",
        "or into --out DIR; a notebook with a failing cell is left as it was (its partial run goes",
        "to jupyter-java/target/notebooks-failed) and the exit status is 1. The notebooks read SST-2",
        "from SLASH_DATA, else data/glue, else they use generated smoke data and say so."})
final class NotebookCommand implements Callable<Integer> {
  static final String PACKAGES =
      "jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel";
  /** The runner the tests use too (NotebooksTest), relative to jupyter-java/. */
  static final String RUNNER = "src/main/python/run_notebooks.py";
  static final String KERNEL = "slash-repro-java";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "install|execute",
      description = "install: build the kernel and register it with jupyter kernelspec install; "
          + "execute: run notebooks headless and store their outputs")
  String action;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "NOTEBOOK",
      description = "execute: the notebooks to run (default: every jupyter-java/notebooks/*.ipynb)")
  List<Path> notebooks = new ArrayList<>();

  @Option(names = "--prefix", description = "install: register under DIR/share/jupyter/kernels "
      + "instead of for this user")
  Path prefix;

  @Option(names = "--no-browser", description = "start Jupyter without opening a browser")
  boolean noBrowser;

  @Option(names = "--out", paramLabel = "DIR", description = "execute: write the executed "
      + "notebooks into DIR instead of over the notebooks")
  Path out;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "execute: seconds a cell may run (default: ${DEFAULT-VALUE})")
  int timeout;

  @Option(names = "--no-build", description = "execute: register what jupyter-java/target already "
      + "holds instead of building first (install.sh --no-build)")
  boolean noBuild;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    boolean install = "install".equals(action);
    boolean execute = "execute".equals(action);
    if (action != null && !install && !execute) {
      err.println("error: unknown action '" + action + "' (install or execute); see 'slash "
          + "notebook --help'");
      return 2;
    }
    if (!execute && (!notebooks.isEmpty() || out != null || noBuild)) {
      err.println("error: notebooks, --out and --no-build are for 'notebook execute'");
      return 2;
    }
    String jupyter = System.getProperty("slash.jupyter.command", "jupyter");
    if (!works(List.of(jupyter, "kernelspec", "--version"))
        || !execute && !works(List.of(jupyter, "notebook", "--version"))) {
      err.println("error: Jupyter is not installed (no '" + jupyter + " notebook' and '" + jupyter
          + " kernelspec'); on Debian or Ubuntu: sudo apt-get install " + PACKAGES);
      return 2;
    }
    Path module = root().resolve("jupyter-java");
    if (execute) {
      return execute(module, err);
    }
    List<String> command = new ArrayList<>();
    if (install) {
      command.add(module.resolve("install.sh").toString());
      if (prefix != null) {
        command.addAll(List.of("--prefix", prefix.toAbsolutePath().toString()));
      }
    } else {
      command.addAll(List.of(jupyter, "notebook", "--notebook-dir=" + module.resolve("notebooks")));
      if (noBrowser) {
        command.add("--no-browser");
      }
    }
    err.flush();
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  /**
   * Registers this checkout's kernel in {@code jupyter-java/target/jupyter-execute} (install.sh
   * --prefix, so nothing of the user's Jupyter set-up is used or changed), then runs the runner on
   * the notebooks with it.
   */
  private int execute(Path module, PrintWriter err) throws IOException, InterruptedException {
    String python = python();
    if (python == null) {
      err.println("error: no python3 that imports jupyter_client, nbclient and nbformat "
          + "(SLASH_JUPYTER_PYTHON, python3, /usr/bin/python3); on Debian or Ubuntu: "
          + "sudo apt-get install " + PACKAGES);
      return 2;
    }
    List<Path> selected = new ArrayList<>();
    if (notebooks.isEmpty()) {
      try (Stream<Path> files = Files.list(module.resolve("notebooks"))) {
        files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted()
            .forEach(selected::add);
      }
    } else {
      for (Path nb : notebooks) {
        if (!Files.isRegularFile(nb)) {
          err.println("error: no notebook " + nb);
          return 2;
        }
        selected.add(nb.toAbsolutePath());
      }
    }
    Path prefixDir = module.resolve("target/jupyter-execute");
    List<String> register = new ArrayList<>(List.of(module.resolve("install.sh").toString(),
        "--prefix", prefixDir.toString()));
    if (noBuild) {
      register.add("--no-build");
    }
    err.println("registering this checkout's kernel in " + root().relativize(prefixDir)
        + (noBuild ? "" : ", building it first") + " ...");
    err.flush();
    Process install = new ProcessBuilder(register).redirectErrorStream(true).start();
    // shown only if it fails: its "try: jupyter notebook ..." hint is not for here
    String installOutput = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int registered = install.waitFor();
    if (registered != 0) {
      err.print(installOutput);
      err.println("error: registering the kernel failed (" + String.join(" ", register) + ")");
      return registered;
    }
    err.flush();
    List<String> command = new ArrayList<>(List.of(python, module.resolve(RUNNER).toString(),
        "--kernel", KERNEL, "--timeout", Integer.toString(timeout),
        "--failed-dir", module.resolve("target/notebooks-failed").toString()));
    if (out != null) {
      command.addAll(List.of("--out", out.toAbsolutePath().toString()));
    }
    selected.forEach(p -> command.add(p.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().put("JUPYTER_PATH", prefixDir.resolve("share/jupyter").toString());
    pb.environment().put("PYTHONUNBUFFERED", "1");
    return pb.start().waitFor();
  }

  /** A python3 with Jupyter's client libraries, as NotebooksTest looks for one; null if none. */
  private static String python() {
    String configured = System.getenv("SLASH_JUPYTER_PYTHON");
    List<String> candidates = configured != null && !configured.isBlank() ? List.of(configured)
        : List.of("python3", "/usr/bin/python3"); // Debian's, where the PATH's python3 is another
    for (String candidate : candidates) {
      if (works(List.of(candidate, "-c", "import jupyter_client, nbclient, nbformat"))) {
        return candidate;
      }
    }
    return null;
  }

  /** Whether the command runs and succeeds. */
  private static boolean works(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The repository: above the jar this class runs from (repro/target), else at or above here. */
  static Path root() {
    List<Path> starts = new ArrayList<>();
    try {
      starts.add(Path.of(NotebookCommand.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI()).toAbsolutePath());
    } catch (URISyntaxException | RuntimeException e) {
      // no code source: fall back to the working directory
    }
    starts.add(Path.of("").toAbsolutePath());
    for (Path start : starts) {
      for (Path p = start; p != null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("jupyter-java/install.sh"))) {
          return p;
        }
      }
    }
    throw new IllegalStateException("no jupyter-java/install.sh at or above " + starts);
  }
}
