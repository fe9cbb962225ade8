package slash.jupyter.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the Jupyter tests share: finding a Python with Jupyter (else the test is skipped, naming the
 * Debian packages), the kernelspec of this build under {@code target/jupyter}, and running a
 * Python script against it.
 */
final class Jupyter {
  static final String PACKAGES =
      "jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel";
  static final String MISSING = "Jupyter is not installed (no python3 that imports jupyter_client,"
      + " nbclient and nbformat); on Debian: apt-get install " + PACKAGES;

  private static String python;
  private static boolean searched;

  private Jupyter() {
  }

  /**
   * A python3 with jupyter_client, nbclient and nbformat ({@code $SLASH_JUPYTER_PYTHON}, else
   * {@code python3}, else {@code /usr/bin/python3}); the test is skipped if there is none.
   */
  static String requirePython() {
    assumeTrue(available(), MISSING);
    return python;
  }

  /** Whether there is a python3 with Jupyter (see {@link #requirePython}). */
  static synchronized boolean available() {
    if (!searched) {
      searched = true;
      List<String> candidates = new ArrayList<>();
      String configured = System.getenv("SLASH_JUPYTER_PYTHON");
      if (configured != null && !configured.isBlank()) {
        candidates.add(configured); // only this one
      } else {
        candidates.add("python3");
        candidates.add("/usr/bin/python3"); // Debian's, where python3 on the PATH is another one
      }
      for (String candidate : candidates) {
        if (imports(candidate)) {
          python = candidate;
          break;
        }
      }
    }
    return python != null;
  }

  private static boolean imports(String candidate) {
    try {
      Process p = new ProcessBuilder(candidate, "-c", "import jupyter_client, nbclient, nbformat")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Path moduleDir() {
    return Path.of(System.getProperty("slash.jupyter.module.dir", "")).toAbsolutePath();
  }

  static Path workDir() {
    return Path.of(System.getProperty("slash.jupyter.work.dir", "target/jupyter")).toAbsolutePath();
  }

  /**
   * Writes this build's kernelspec ({@code target/classes} plus the runtime class path, temporary
   * files in {@code target/jupyter/tmp}) to {@code target/jupyter/kernels/slash-repro-java}; returns the Jupyter data folder to put on
   * {@code JUPYTER_PATH}.
   */
  static synchronized Path kernelspec() throws IOException {
    Path classes = Path.of(System.getProperty("slash.jupyter.classes"));
    Path classpathFile = Path.of(System.getProperty("slash.jupyter.classpath.file"));
    String classpath = KernelSpec.classpath(classes, classpathFile);
    Path jupyter = workDir();
    // the notebooks' temporary folders (smoke data, run folders) stay under target/ too
    Path tmp = Files.createDirectories(jupyter.resolve("tmp"));
    KernelSpec.write(jupyter.resolve("kernels").resolve(KernelSpec.NAME), KernelSpec.javaCommand(),
        classpath, List.of("-Djava.io.tmpdir=" + tmp));
    return jupyter;
  }

  /** Output and exit status of a finished process. */
  record Run(int exit, String output) {
  }

  /**
   * Runs {@code python script args...} with Jupyter's folders inside {@code target/jupyter} (this
   * build's kernelspec first, nothing of the user's Jupyter set-up); fails past {@code timeoutSeconds}.
   */
  static Run python(Path script, List<String> args, long timeoutSeconds) throws Exception {
    String py = requirePython();
    Path jupyter = kernelspec();
    List<String> command = new ArrayList<>(List.of(py, script.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("JUPYTER_PATH", jupyter.toString());
    env.put("JUPYTER_DATA_DIR", jupyter.resolve("data").toString());
    env.put("JUPYTER_CONFIG_DIR", jupyter.resolve("config").toString());
    env.put("JUPYTER_RUNTIME_DIR", jupyter.resolve("runtime").toString());
    env.put("PYTHONUNBUFFERED", "1");
    for (String key : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) { // the tests' DJL cache (target/)
      String value = System.getProperty(key);
      if (value != null) {
        env.put(key, value);
      }
    }
    Path log = Files.createTempFile(jupyter, "python-", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(script.getFileName() + " ran past " + timeoutSeconds + " s:\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Run(p.exitValue(), output);
  }
}
