package slash.repro.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit a table names: "+changes" for changed code, not for results a run rewrote. */
class ProvenanceTest {
  @TempDir Path repo;

  private void git(String... args) throws Exception {
    String[] command = new String[args.length + 3];
    command[0] = "git";
    command[1] = "-C";
    command[2] = repo.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor(), String.join(" ", command));
  }

  @Test
  void rewrittenResultsLeaveTheCommitCleanAndChangedCodeDoesNot() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git is not installed");
    Files.createDirectories(repo.resolve("results/mini"));
    Files.createDirectories(repo.resolve("core"));
    Files.writeString(repo.resolve("results/mini/table5.md"), "old\n");
    Files.writeString(repo.resolve("core/Code.java"), "class Code {}\n");
    git("init", "-q");
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
    String clean = Provenance.gitCommit(repo);
    assertTrue(clean.matches("[0-9a-f]{12}"), clean);

    Files.writeString(repo.resolve("results/mini/table5.md"), "regenerated\n");
    assertEquals(clean, Provenance.gitCommit(repo), "a rewritten result is not a code change");
    // from a module folder too: the check covers the whole checkout
    assertEquals(clean, Provenance.gitCommit(repo.resolve("core")));

    Files.writeString(repo.resolve("core/Code.java"), "class Code { int x; }\n");
    assertEquals(clean + "+changes", Provenance.gitCommit(repo));
    assertEquals(clean + "+changes", Provenance.gitCommit(repo.resolve("results")));
  }
}
