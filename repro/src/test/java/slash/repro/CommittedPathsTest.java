package slash.repro;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Committed results and notebooks carry no absolute path of the machine that made them: no home
 * folder ({@code /root/}, {@code /home/<user>/}, {@code /Users/}, {@code C:\Users}), no {@code
 * /tmp/}, not this JVM's {@code user.home}. Every committed text file under {@code results/} and
 * {@code jupyter-java/notebooks/} is read (files git ignores, such as smoke's per-run results,
 * are not committed and not read); a failure names each file and line.
 */
class CommittedPathsTest {
  /** The checkout: this module's parent (surefire runs in the module folder). */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> SCANNED = List.of("results", "jupyter-java/notebooks");

  private static final Pattern MACHINE_PATH = Pattern.compile(
      "/root/|/home/[^/\\s\"'`]+/|/Users/|[A-Za-z]:(?:\\\\{1,2}|/)Users\\b|/tmp/",
      Pattern.CASE_INSENSITIVE);

  @Test
  void committedResultsAndNotebooksHoldNoMachinePaths() throws IOException {
    Pattern userHome = userHome();
    List<Path> files = committedFiles();
    assertTrue(files.stream().anyMatch(f -> f.startsWith(ROOT.resolve("results"))),
        "no files found under " + ROOT.resolve("results"));
    List<String> found = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      if (isBinary(bytes)) {
        continue;
      }
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        for (Pattern pattern : userHome == null ? List.of(MACHINE_PATH)
            : List.of(MACHINE_PATH, userHome)) {
          Matcher m = pattern.matcher(lines[i]);
          if (m.find()) {
            found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + m.group() + " in: "
                + excerpt(lines[i], m.start()));
            break;
          }
        }
      }
    }
    assertTrue(found.isEmpty(), found.size() + " line(s) with a machine path (name the model by "
        + "its artifact or file name, write ~/ for the home folder):\n" + String.join("\n",
        found.subList(0, Math.min(found.size(), 40)))
        + (found.size() > 40 ? "\n... and " + (found.size() - 40) + " more" : ""));
  }

  /** This JVM's home as a whole path component, unless it is too short to mean anything. */
  private static Pattern userHome() {
    String home = System.getProperty("user.home", "");
    while (home.endsWith("/") || home.endsWith("\\")) {
      home = home.substring(0, home.length() - 1);
    }
    if (home.length() < 2) {
      return null;
    }
    return Pattern.compile(Pattern.quote(home) + "(?=[/\\\\\"'`\\s]|$)");
  }

  /** git's list of tracked files under the scanned folders; every file there without git. */
  private static List<Path> committedFiles() throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", ROOT.toString(), "ls-files",
        "-z", "--"));
    command.addAll(SCANNED);
    try {
      Process git = new ProcessBuilder(command).redirectErrorStream(false).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()) {
        List<Path> files = new ArrayList<>();
        for (String name : out.split("\0")) {
          Path file = ROOT.resolve(name);
          if (!name.isEmpty() && Files.isRegularFile(file)) {
            files.add(file);
          }
        }
        return files;
      }
    } catch (IOException e) {
      // no git: read every file instead
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Path> files = new ArrayList<>();
    for (String dir : SCANNED) {
      Path root = ROOT.resolve(dir);
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(Files::isRegularFile).forEach(files::add);
        }
      }
    }
    return files;
  }

  private static boolean isBinary(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static String excerpt(String line, int at) {
    int from = Math.max(0, at - 40);
    int to = Math.min(line.length(), at + 60);
    return (from > 0 ? "..." : "") + line.substring(from, to).strip()
        + (to < line.length() ? "..." : "");
  }
}
