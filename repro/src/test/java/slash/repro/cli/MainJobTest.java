package slash.repro.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.repro.data.TargetTempDir;

/**
 * The main job renders beside the committed tables, never over them: with no command it writes
 * into target/results, and the committed run results come along as references, never replacing a
 * result the output folder already holds.
 */
class MainJobTest {
  @TempDir(factory = TargetTempDir.class) Path dir;

  @Test
  void theMainJobWritesIntoTargetUnlessTheResultsAreNamed() {
    assertArrayEquals(new String[] {"repro", "--results", "target/results"}, effective());
    assertArrayEquals(new String[] {"repro", "--results", "target/results", "--data", "d"},
        effective("--data", "d"));
    assertArrayEquals(new String[] {"repro", "--results", "results"},
        effective("--results", "results"));
    assertArrayEquals(new String[] {"repro", "--results=r"}, effective("--results=r"));
    assertArrayEquals(new String[] {"repro", "--scale", "mini"},
        effective("repro", "--scale", "mini"), "an explicit repro writes where it is told");
    assertArrayEquals(new String[] {"--help"}, effective("--help"));
  }

  private static String[] effective(String... args) {
    return slash.repro.Cli.effective(args);
  }

  @Test
  void committedResultsAreCopiedWhereMissingAndNeverOverAResult() throws Exception {
    Path committed = Files.createDirectories(dir.resolve("results/mini/runs"));
    Files.writeString(committed.resolve("a.json"), "committed a");
    Files.writeString(committed.resolve("b.json"), "committed b");
    Files.writeString(committed.resolve("notes.txt"), "not a run");
    Path runs = Files.createDirectories(dir.resolve("target/results/mini/runs"));
    Files.writeString(runs.resolve("b.json"), "trained here");
    assertEquals(1, CommittedRuns.copyMissing(committed, runs));
    assertEquals("committed a", Files.readString(runs.resolve("a.json")));
    assertEquals("trained here", Files.readString(runs.resolve("b.json")));
    assertEquals(false, Files.exists(runs.resolve("notes.txt")));
    assertEquals(0, CommittedRuns.copyMissing(committed, committed), "the same folder: nothing");
  }
}
