package slash.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The task files the project ships under {@code data/mini}: each one sits where {@link TaskFiles}
 * looks for it, loads with the project's readers, and has the number of examples
 * {@code data/mini/README.md} states; nothing ships without a checksum in the manifest.
 */
class ShippedMiniDataTest {
  private static final Path DATA = DataManifestTest.SHIPPED;

  /** Examples per shipped file, as data/mini/README.md states them (CoNLL: sentences). */
  private static final Map<String, Integer> EXAMPLES = Map.of("QNLI/dev.tsv", 5463);

  /** Files in data/mini that are documentation or metadata, not task data. */
  private static final Set<String> NOT_DATA = Set.of("README.md", DataManifest.FILE_NAME,
      ".gitattributes");

  @Test
  void everyShippedFileLoadsWithTheProjectReaders() {
    DataManifest manifest = DataManifest.find(DATA).orElseThrow();
    Set<String> listed = new TreeSet<>();
    for (DataManifest.Entry entry : manifest.entries()) {
      listed.add(entry.path());
      Path file = DATA.resolve(entry.path());
      String[] parts = entry.path().split("/");
      assertEquals(2, parts.length, "expected <task>/<file>: " + entry.path());
      Task task = Task.parse(parts[0]);
      Split split = split(task, parts[1]);
      assertEquals(file.normalize(), TaskFiles.path(DATA, task, split).normalize(),
          "TaskFiles would not find " + entry.path());
      int examples = task == Task.CONLL2003
          ? TaskFiles.readTokens(DATA, split).size()
          : TaskFiles.readSentences(DATA, task, split).size();
      assertEquals(EXAMPLES.get(entry.path()), examples, entry.path());
    }
    assertEquals(new TreeSet<>(EXAMPLES.keySet()), listed,
        "the files this test expects are the files the manifest lists");
  }

  @Test
  void everyGlueRowBecomesOneExample() throws IOException {
    for (DataManifest.Entry entry : DataManifest.find(DATA).orElseThrow().entries()) {
      Task task = Task.parse(entry.path().split("/")[0]);
      if (task == Task.CONLL2003) {
        continue;
      }
      Path file = DATA.resolve(entry.path());
      long rows;
      try (Stream<String> lines = Files.lines(file)) {
        rows = lines.filter(line -> !line.isEmpty()).count() - (task == Task.COLA ? 0 : 1);
      }
      assertEquals(rows, GlueReader.read(task, file).size(), entry.path());
    }
  }

  @Test
  void nothingShipsWithoutAChecksum() throws IOException {
    Set<String> listed = DataManifest.find(DATA).orElseThrow().entries().stream()
        .map(DataManifest.Entry::path).collect(Collectors.toCollection(TreeSet::new));
    Set<String> present;
    try (Stream<Path> files = Files.walk(DATA)) {
      present = files.filter(Files::isRegularFile)
          .map(f -> DATA.relativize(f).toString().replace('\\', '/'))
          .filter(p -> !NOT_DATA.contains(p))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertFalse(present.isEmpty());
    assertEquals(listed, present);
    assertTrue(Files.isRegularFile(DATA.resolve("README.md")));
  }

  private static Split split(Task task, String fileName) {
    List<Split> splits = List.of(Split.TRAIN, Split.DEV, Split.DEV_MISMATCHED, Split.TEST);
    for (Split split : splits) {
      if (task.isGlue() && split == Split.TEST) {
        continue;
      }
      if (TaskFiles.path(Path.of(""), task, split).getFileName().toString().equals(fileName)) {
        return split;
      }
    }
    throw new AssertionError("no split of " + task.dirName() + " is named " + fileName);
  }
}
