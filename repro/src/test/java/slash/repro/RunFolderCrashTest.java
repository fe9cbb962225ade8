package slash.repro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import slash.core.io.FloatTensor;
import slash.core.train.Checkpoint;
import slash.core.train.RunFolder;
import slash.core.train.RunResult;

/**
 * A run folder never loses or misreports a run: a run killed with SIGKILL (a real child process)
 * at each point of an epoch's commit resumes to exactly the uninterrupted run's result, two runs
 * into one folder are never both let in, the lock of a killed run is taken over, and a folder
 * whose files disagree is refused with one line. The run: SLaSh d = 16 on the smoke SST-2,
 * 96 examples, 3 epochs.
 */
class RunFolderCrashTest {
  static final Path BASE = base();
  private static final Path DATA = BASE.resolve("data");
  private static RunResult reference;

  private static Path base() {
    try {
      Files.createDirectories(Path.of("target"));
      return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "run-folder-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  record Outcome(int code, String out, String err) {}

  static Outcome cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  /** The command line of the test run into {@code out}, with {@code extra} options, in pairs. */
  static String[] train(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--task", "sst2", "--data",
        DATA.toString(), "--method", "slash", "--d", "16", "--epochs", "3", "--batch", "16",
        "--lr", "1e-2", "--max-train", "96", "--max-eval", "48", "--out", out.toString()));
    for (int i = 0; i + 1 < extra.length; i += 2) { // an option given replaces the default
      int at = args.indexOf(extra[i]);
      if (at >= 0) {
        args.set(at + 1, extra[i + 1]);
      } else {
        args.addAll(List.of(extra[i], extra[i + 1]));
      }
    }
    return args.toArray(String[]::new);
  }

  /** The uninterrupted run (in this JVM), once. */
  static synchronized RunResult reference() {
    if (reference == null) {
      Outcome ran = cli(train(BASE.resolve("reference")));
      assertEquals(0, ran.code(), ran.err());
      reference = RunResult.read(BASE.resolve("reference").resolve(RunFolder.RESULT));
    }
    return reference;
  }

  static Path referenceFolder() {
    reference();
    return BASE.resolve("reference");
  }

  /** The same numbers as the uninterrupted run, and its best checkpoint. */
  static void assertSameAsReference(Path folder) {
    RunResult expected = reference();
    RunResult got = RunResult.read(folder.resolve(RunFolder.RESULT));
    assertEquals(expected.epochs().size(), got.epochs().size());
    for (int i = 0; i < expected.epochs().size(); i++) {
      assertEquals(expected.epochs().get(i).trainLoss(), got.epochs().get(i).trainLoss(), 1e-6,
          "train loss of epoch " + (i + 1));
      assertEquals(expected.epochs().get(i).metrics(), got.epochs().get(i).metrics(),
          "dev metrics of epoch " + (i + 1));
    }
    assertEquals(expected.finalMetrics(), got.finalMetrics());
    assertEquals(expected.bestEpoch(), got.bestEpoch());
    assertEquals(expected.bestMetrics(), got.bestMetrics());
    Checkpoint bestExpected = Checkpoint.read(referenceFolder().resolve(RunFolder.BEST));
    Checkpoint best = Checkpoint.read(folder.resolve(RunFolder.BEST));
    assertEquals(got.bestEpoch(), best.epoch() + 1, "best.safetensors holds the best epoch");
    for (Map.Entry<String, FloatTensor> e : bestExpected.tensors().entrySet()) {
      assertArrayEquals(e.getValue().data(), best.tensors().get(e.getKey()).data(), 1e-6f,
          e.getKey());
    }
    assertEquals(3, Checkpoint.read(folder.resolve(RunFolder.LAST)).epoch() + 1);
    try (var files = Files.list(folder)) {
      List<String> stray = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".tmp") || n.endsWith(".next")).toList();
      assertEquals(List.of(), stray, "nothing half-written is left behind");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Starts the run in a child JVM that stops at {@code point} in epoch 2, and kills it. */
  static Path killedAt(String name, String point) throws Exception {
    Path folder = BASE.resolve(name);
    try (Child child = Child.start(BASE.resolve("logs"), name, Map.of("slash.fault", point,
        "slash.fault.epoch", "2"), train(folder))) {
      assertTrue(child.awaitMarker("FAULT " + point, Duration.ofMinutes(3)),
          "the child ended before " + point + ": " + child.err());
      child.kill();
      assertFalse(child.process.isAlive());
    }
    assertFalse(Files.exists(folder.resolve(RunFolder.RESULT)));
    return folder;
  }

  @ParameterizedTest(name = "killed at {0} in epoch 2")
  @CsvSource({
      "mid-epoch, during the epoch",
      "checkpoint-written, between the checkpoint and the manifest",
      "temp:epochs.json, the manifest written but not yet renamed into place",
      "manifest-written, after the manifest, before the checkpoints' renames",
      "best-renamed, between the renames of best and last"})
  void aKilledRunResumesToTheUninterruptedResult(String point, String where) throws Exception {
    reference();
    Path folder = killedAt(point.replace(':', '-').replace('.', '-'), point);
    Outcome resumed = cli(train(folder));
    assertEquals(0, resumed.code(), where + ": " + resumed.err());
    assertSameAsReference(folder);
  }

  /** A folder an earlier version wrote (epochs.json a bare list) resumes where its files agree. */
  @Test
  void anOlderFolderWhoseFilesAgreeResumes() throws Exception {
    reference();
    Path folder = killedAt("older", "mid-epoch");
    RunFolder.Manifest manifest = slash.core.io.Json.read(folder.resolve(RunFolder.EPOCHS),
        RunFolder.Manifest.class);
    slash.core.io.Json.writeAtomically(folder.resolve(RunFolder.EPOCHS), manifest.epochs());
    Outcome resumed = cli(train(folder));
    assertEquals(0, resumed.code(), resumed.err());
    assertSameAsReference(folder);
  }

  @Test
  void theResumedRunReportsThePeakMemoryOfEveryProcess() throws Exception {
    Path folder = killedAt("peak-memory", "mid-epoch");
    Path manifest = folder.resolve(RunFolder.EPOCHS);
    var node = (com.fasterxml.jackson.databind.node.ObjectNode) slash.core.io.Json.mapper()
        .readTree(Files.readString(manifest));
    assertTrue(node.get("peakRssBytes").asLong() > 0, node.toString());
    long huge = 1L << 40; // as if the killed process had peaked at 1 TB
    node.put("peakRssBytes", huge);
    Files.writeString(manifest, node.toString());
    Outcome resumed = cli(train(folder));
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(huge, RunResult.read(folder.resolve(RunFolder.RESULT)).peakRssBytes());
  }

  @Test
  void twoRunsIntoOneFolderOneProceedsTheOtherIsRefusedAtOnceAndAStaleLockIsTakenOver()
      throws Exception {
    reference();
    Path folder = BASE.resolve("race");
    Map<String, String> hold = Map.of("slash.fault", "mid-epoch", "slash.fault.epoch", "1");
    Child holder;
    try (Child a = Child.start(BASE.resolve("logs"), "race-a", hold, train(folder));
        Child b = Child.start(BASE.resolve("logs"), "race-b", hold, train(folder))) {
      // exactly one reaches training (and waits there); the other is refused, exit 2
      long start = System.nanoTime();
      while (a.process.isAlive() && b.process.isAlive()) {
        Thread.sleep(50);
        assertTrue(System.nanoTime() - start < 180e9, "neither run was refused:\n" + a.err()
            + "\n" + b.err());
      }
      Child refused = a.process.isAlive() ? b : a;
      holder = refused == a ? b : a;
      assertEquals(2, refused.awaitExit(Duration.ofSeconds(10)), refused.err());
      String line = refused.err().strip();
      assertEquals(1, line.lines().count(), line);
      // the holder writes its PID right after taking the lock: a refusal in between cannot
      // name it yet, and says the lock is held instead
      assertTrue(line.startsWith("error: " + folder + " is in use by another run (pid "
          + holder.process.pid() + " ") || line.startsWith("error: " + folder + " is in use by "
          + "another run (its lock is held)"), line);
      assertFalse(refused.out().contains("FAULT"), "the refused run never trained");
      assertTrue(holder.awaitMarker("FAULT mid-epoch", Duration.ofMinutes(3)), holder.err());
      holder.kill();
    }
    String lock = Files.readString(folder.resolve(RunFolder.LOCK));
    assertTrue(lock.startsWith("pid " + holder.process.pid() + " "), lock);
    // the killed run left its lock file naming it: the next run takes it over and says so
    try (Child next = Child.start(BASE.resolve("logs"), "race-next", Map.of(), train(folder))) {
      assertEquals(0, next.awaitExit(Duration.ofMinutes(3)), next.err());
      assertTrue(next.err().contains("warning: " + folder + ": taking over the lock of a run "
          + "that did not end cleanly (pid " + holder.process.pid() + ", no longer running)"),
          next.err());
    }
    assertSameAsReference(folder);
    assertEquals("", Files.readString(folder.resolve(RunFolder.LOCK)),
        "a run that ends cleanly leaves no holder behind");
  }
}
