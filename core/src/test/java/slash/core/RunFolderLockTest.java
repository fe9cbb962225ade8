package slash.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.smoke.SmokeData;
import slash.core.train.RunFolder;

/**
 * The run folder's lock, in one process (the two-process race and SIGKILLed runs are in the
 * repro module's RunFolderCrashTest): held for the run's life, a second taker refused at once, a
 * lock file naming a dead process taken over with a message.
 */
class RunFolderLockTest {
  private final Path dir;
  private final RunConfig config;

  RunFolderLockTest() throws IOException {
    Files.createDirectories(Path.of("target"));
    dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "run-folder-lock-");
    SmokeData.write(dir.resolve("data"), 3, 40, 20);
    config = RunConfig.defaults(Task.SST2, Scale.SMOKE, ProbeMethod.of(8))
        .withDataDir(dir.resolve("data")).withTraining(1e-3, 1, 8);
  }

  @Test
  void aSecondTakerIsRefusedWhileTheFirstHoldsTheFolder() throws IOException {
    Path run = dir.resolve("run");
    long pid = ProcessHandle.current().pid();
    try (RunFolder first = new RunFolder(run).open(config)) {
      assertTrue(Files.readString(run.resolve(RunFolder.LOCK)).startsWith("pid " + pid + " on "));
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> new RunFolder(run).open(config));
      assertTrue(refused.getMessage().startsWith(run + " is in use by another run (pid " + pid
          + " on "), refused.getMessage());
      assertTrue(refused.getMessage().endsWith("); wait for it to end or choose another output "
          + "folder"), refused.getMessage());
      assertTrue(first.isOpen());
    }
    assertEquals("", Files.readString(run.resolve(RunFolder.LOCK)), "a clean end names no one");
    try (RunFolder again = new RunFolder(run).open(config)) {
      assertTrue(again.isOpen(), "free again once closed");
    }
  }

  @Test
  void aLockFileLeftByADeadProcessIsTakenOverWithAMessage() throws IOException {
    Path run = dir.resolve("stale");
    Files.createDirectories(run);
    long dead = 999_999_999L; // above Linux's pid_max: never a live process
    Files.writeString(run.resolve(RunFolder.LOCK), "pid " + dead + " on elsewhere, since then\n");
    PrintStream err = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
    try (RunFolder folder = new RunFolder(run).open(config)) {
      assertTrue(folder.isOpen());
    } finally {
      System.setErr(err);
    }
    assertEquals("warning: " + run + ": taking over the lock of a run that did not end cleanly "
        + "(pid " + dead + ", no longer running); resuming from its last finished epoch",
        said.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void aFolderWhoseParentIsAFileIsRefusedWithTheReason() throws IOException {
    Path file = dir.resolve("file");
    Files.writeString(file, "x");
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> new RunFolder(file.resolve("run")).open(config));
    assertEquals("cannot write to the run folder " + file.resolve("run") + ": Not a directory: "
        + file.resolve("run") + "; choose another output folder", e.getMessage());
  }
}
