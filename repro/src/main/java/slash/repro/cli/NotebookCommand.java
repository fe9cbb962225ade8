package slash.repro.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slash notebook}: Jupyter on {@code jupyter-java/notebooks} with the project's Java kernel;
 * {@code slash notebook install} builds and registers the kernel ({@code jupyter-java/install.sh}).
 * Without Jupyter it prints the Debian packages to install and exits 2.
 */
@Command(name = "notebook", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Start Jupyter on jupyter-java/notebooks with the \"Java (slash-repro)\" kernel.",
        "'notebook install' first builds the kernel and registers it (jupyter-java/install.sh)."})
final class NotebookCommand implements Callable<Integer> {
  static final String PACKAGES =
      "jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel";

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "install",
      description = "install: build the kernel and register it with jupyter kernelspec install")
  String action;

  @Option(names = "--prefix", description = "install: register under DIR/share/jupyter/kernels "
      + "instead of for this user")
  Path prefix;

  @Option(names = "--no-browser", description = "start Jupyter without opening a browser")
  boolean noBrowser;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    boolean install = "install".equals(action);
    if (action != null && !install) {
      err.println("error: unknown action '" + action + "' (only 'install'); see 'slash notebook --help'");
      return 2;
    }
    String jupyter = System.getProperty("slash.jupyter.command", "jupyter");
    if (!works(jupyter, "kernelspec") || !works(jupyter, "notebook")) {
      err.println("error: Jupyter is not installed (no '" + jupyter + " notebook' and '" + jupyter
          + " kernelspec'); on Debian or Ubuntu: sudo apt-get install " + PACKAGES);
      return 2;
    }
    Path module = root().resolve("jupyter-java");
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

  /** Whether {@code jupyter <sub> --version} runs and succeeds. */
  private static boolean works(String jupyter, String sub) {
    try {
      Process p = new ProcessBuilder(jupyter, sub, "--version").redirectErrorStream(true).start();
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
