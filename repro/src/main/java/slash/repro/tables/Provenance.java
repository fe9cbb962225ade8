package slash.repro.tables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where a table came from: the code (git commit), the engine and device, the date, the seeds and
 * the time its runs took. {@code resumedRuns} of its {@code runs} came from earlier results, so
 * the wall time covers only the others. {@code encoder} is what ran (name, weights file, SHA-256),
 * standing for the paper's {@code paperModel}; {@code truncatedDev} says per task how many dev
 * examples the {@code maxLength} cap cuts; {@code learningRate} how each cell's rate was chosen;
 * {@code reported} which epoch's score the cells report; {@code runCommits} how many of the
 * table's runs each commit trained ("not recorded" for results older than that field).
 */
public record Provenance(String commit, String scale, String engine, String engineVersion,
    String device, String date, int seeds, boolean sweep, double trainingSeconds,
    double wallSeconds, int runs, int resumedRuns, EncoderInfo encoder, String paperModel,
    int maxLength, java.util.Map<String, String> truncatedDev, String learningRate,
    String reported, java.util.Map<String, Integer> runCommits) {

  /**
   * The checkout's commit, with "+changes" when the code differs from it (files under results/
   * and the notebooks, which runs rewrite, do not count); "unknown" without git.
   */
  public static String gitCommit(Path dir) {
    String head = git(dir, "rev-parse", "--short=12", "HEAD");
    if (head == null) {
      return "unknown";
    }
    // results/ and notebooks' outputs are what runs write, not the code that produced them
    String status = git(dir, "status", "--porcelain", "--untracked-files=no", "--", ":(top)",
        ":(top,exclude)results", ":(top,exclude)jupyter-java/notebooks");
    return status == null || status.isBlank() ? head : head + "+changes";
  }

  private static String git(Path dir, String... args) {
    String[] command = new String[args.length + 3];
    command[0] = "git";
    command[1] = "-C";
    command[2] = dir.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .strip();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  public static String now() {
    return Instant.now().toString();
  }
}
