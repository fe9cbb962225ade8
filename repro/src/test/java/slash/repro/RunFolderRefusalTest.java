package slash.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static slash.repro.RunFolderCrashTest.BASE;
import static slash.repro.RunFolderCrashTest.cli;
import static slash.repro.RunFolderCrashTest.referenceFolder;
import static slash.repro.RunFolderCrashTest.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import slash.core.io.Json;
import slash.core.smoke.SmokeData;
import slash.core.train.Checkpoint;
import slash.core.train.RunFolder;
import slash.core.train.RunResult;
import slash.repro.RunFolderCrashTest.Outcome;

/**
 * What a run folder refuses, each as one {@code error:} line with exit code 2 and no stack trace:
 * another config in any file, files that disagree, damaged checkpoints, a folder that cannot be
 * written (before any training); and the other commands' late failures: {@code predict ""},
 * {@code eval}'s label.
 */
class RunFolderRefusalTest {
  private static int folders;

  /** A fresh folder holding {@code files} copied from the uninterrupted run's. */
  private static Path copyOfReference(String... files) throws IOException {
    Path reference = referenceFolder();
    Path folder = BASE.resolve("refusal-" + folders++);
    Files.createDirectories(folder);
    for (String file : files) {
      Files.copy(reference.resolve(file), folder.resolve(file));
    }
    return folder;
  }

  private static String oneErrorLine(Outcome outcome) {
    assertEquals(2, outcome.code(), outcome.err());
    String err = outcome.err().strip();
    assertEquals(1, err.lines().count(), "one line: " + err);
    assertTrue(err.startsWith("error: "), err);
    assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    return err;
  }

  @Test
  void aFolderOfAnotherConfigIsRefusedWhateverFilesItHolds() throws IOException {
    for (String[] files : List.of(new String[] {RunFolder.LAST, RunFolder.BEST},
        new String[] {RunFolder.BEST}, new String[] {RunFolder.RESULT},
        new String[] {RunFolder.EPOCHS})) {
      Path folder = copyOfReference(files);
      String err = oneErrorLine(cli(train(folder, "--lr", "2e-2")));
      assertEquals("error: " + folder + " holds a run with another config (" + files[0]
          + ": learningRate 0.01 there, 0.02 here); remove it or choose another output folder",
          err);
      for (String file : files) {
        assertEquals(-1, Files.mismatch(referenceFolder().resolve(file), folder.resolve(file)),
            file + " untouched");
      }
    }
  }

  @Test
  void checkpointsOfTheSameConfigWithoutAManifestAreStartedOver() throws IOException {
    Path folder = copyOfReference(RunFolder.BEST, RunFolder.LAST); // no epoch was committed
    Outcome ran = cli(train(folder));
    assertEquals(0, ran.code(), ran.err());
    RunFolderCrashTest.assertSameAsReference(folder);
  }

  /** A checkpoint of the reference's with another epoch number: other bytes, same config. */
  private static void rewriteWithEpoch(Path file, int epoch) {
    Checkpoint read = Checkpoint.read(file);
    new Checkpoint(read.config(), read.tensors(), epoch).write(file);
  }

  @Test
  void aCheckpointThatDisagreesWithTheManifestIsRefused() throws IOException {
    Path folder = copyOfReference(RunFolder.LAST, RunFolder.BEST, RunFolder.EPOCHS);
    rewriteWithEpoch(folder.resolve(RunFolder.LAST), 1);
    String err = oneErrorLine(cli(train(folder)));
    assertTrue(err.startsWith("error: " + folder + ": last.safetensors does not match "
        + "epochs.json (which records epoch 3, "), err);
    assertTrue(err.contains("the folder holds epoch 2, "), err);
    assertTrue(err.endsWith("the run cannot resume from it; delete " + folder + " to start the "
        + "run again"), err);

    Path best = copyOfReference(RunFolder.LAST, RunFolder.BEST, RunFolder.EPOCHS);
    rewriteWithEpoch(best.resolve(RunFolder.BEST), 2);
    assertTrue(oneErrorLine(cli(train(best))).contains("best.safetensors does not match "
        + "epochs.json (which records epoch 2, "));
  }

  /**
   * The user's report: an older folder (epochs.json a bare list, written after
   * last.safetensors) killed between the two writes: resuming it would misreport the run.
   */
  @Test
  void anOlderFolderKilledBetweenItsTwoWritesIsRefused() throws IOException {
    Path folder = copyOfReference(RunFolder.LAST, RunFolder.BEST);
    RunResult reference = RunResult.read(referenceFolder().resolve(RunFolder.RESULT));
    rewriteWithEpoch(folder.resolve(RunFolder.LAST), 1); // last: epoch 2
    Json.writeAtomically(folder.resolve(RunFolder.EPOCHS), reference.epochs().subList(0, 1));
    String err = oneErrorLine(cli(train(folder)));
    assertEquals("error: " + folder + ": last.safetensors holds epoch 2 but epochs.json records "
        + "epoch 1 as the last finished (killed between the two writes): the run cannot resume "
        + "from it; delete " + folder + " to start the run again", err);
  }

  @Test
  void damagedCheckpointsAreOneLineNamingTheFileTheProblemAndTheFix() throws IOException {
    Path reference = referenceFolder();
    byte[] last = Files.readAllBytes(reference.resolve(RunFolder.LAST));
    Map<String, byte[]> damages = Map.of(
        "truncated: 0 bytes, too short for the 8-byte header length", new byte[0],
        "truncated: 5 bytes, too short for the 8-byte header length", Arrays.copyOf(last, 5),
        String.format(java.util.Locale.ROOT, "truncated: %,d of %,d bytes", last.length - 100,
            last.length), Arrays.copyOf(last, last.length - 100),
        "its header is not valid JSON", garbageHeader(last));
    for (Map.Entry<String, byte[]> damage : damages.entrySet()) {
      Path folder = copyOfReference(RunFolder.LAST, RunFolder.BEST, RunFolder.EPOCHS);
      Files.write(folder.resolve(RunFolder.LAST), damage.getValue());
      String err = oneErrorLine(cli(train(folder)));
      assertTrue(err.startsWith("error: " + folder.resolve(RunFolder.LAST) + ": "
          + damage.getKey()), err);
      assertTrue(err.endsWith("; delete " + folder + " to start the run again"), err);

      Path best = folder.resolve(RunFolder.BEST);
      Files.write(best, damage.getValue());
      String eval = oneErrorLine(cli("eval", "--checkpoint", best.toString()));
      assertTrue(eval.startsWith("error: " + best + ": " + damage.getKey()), eval);
      assertTrue(eval.endsWith("it cannot be repaired: train the run again (delete its run "
          + "folder first)"), eval);
      assertEquals(eval, oneErrorLine(cli("predict", "--checkpoint", best.toString(), "good")));
    }
  }

  private static byte[] garbageHeader(byte[] file) {
    byte[] garbage = file.clone();
    Arrays.fill(garbage, 8, 20, (byte) '#');
    return garbage;
  }

  @Test
  void aFolderThatCannotBeWrittenIsRefusedBeforeAnyTraining() throws IOException {
    Path file = BASE.resolve("a-regular-file"); // root ignores chmod; a file as parent stops it
    Files.writeString(file, "not a folder");
    Path folder = file.resolve("run");
    Outcome refused = cli(train(folder));
    String err = oneErrorLine(refused);
    assertEquals("error: cannot write to the run folder " + folder + ": Not a directory: "
        + folder + "; choose another output folder", err); // the OS's reason (ENOTDIR)
    assertFalse(refused.out().contains("epoch"), "no training before: " + refused.out());
  }

  @Test
  void predictRefusesAnEmptyInput() throws IOException {
    String best = referenceFolder().resolve(RunFolder.BEST).toString();
    assertEquals("error: the input is empty: give the sentence to label",
        oneErrorLine(cli("predict", "--checkpoint", best, "")));
    assertEquals("error: input 2 of 2 is empty: give the sentence to label",
        oneErrorLine(cli("predict", "--checkpoint", best, "a fine film", "  ")));
  }

  @Test
  void evalNamesTheFileItScored() throws Exception {
    Path other = BASE.resolve("other-data");
    SmokeData.write(other, 12, 40, 30);
    String best = referenceFolder().resolve(RunFolder.BEST).toString();
    try (Child eval = Child.start(BASE.resolve("logs"), "eval", Map.of(), "eval",
        "--checkpoint", best, "--data", other.toString())) {
      assertEquals(0, eval.awaitExit(Duration.ofMinutes(3)), eval.err());
      String line = eval.out().strip();
      assertTrue(line.startsWith("SST-2 checkpoint on " + other.resolve("SST-2")
          .resolve("dev.tsv") + " (30 examples): {acc="), line);
      assertFalse(line.contains("SST-2 dev"), line);
    }
  }
}
