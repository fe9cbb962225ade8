package slash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.data.QnliDevSplit;
import slash.core.data.SentenceExample;
import slash.core.data.Split;
import slash.core.data.Task;
import slash.core.data.TaskFiles;

/** The shipped QNLI dev set split by question: disjoint, complete, about 1,000 held out, fixed. */
class QnliDevSplitTest {
  @TempDir Path dir;

  /** The file this repository ships (the module runs from core/). */
  private static final Path SHIPPED = Path.of("..", "data", "mini", "QNLI", "dev.tsv");

  @Test
  void splitsTheShippedDevSetByQuestion() throws Exception {
    Path folder = QnliDevSplit.write(SHIPPED, dir.resolve("a"));
    List<SentenceExample> train = TaskFiles.readSentences(folder, Task.QNLI, Split.TRAIN);
    List<SentenceExample> dev = TaskFiles.readSentences(folder, Task.QNLI, Split.DEV);
    List<SentenceExample> all = TaskFiles.readSentences(SHIPPED.getParent().getParent(),
        Task.QNLI, Split.DEV);
    assertEquals(all.size(), train.size() + dev.size(), "every pair on one side");
    assertTrue(dev.size() >= QnliDevSplit.HELD_OUT && dev.size() < QnliDevSplit.HELD_OUT + 10,
        "about 1,000 held out: " + dev.size());
    Set<String> trainQuestions = new HashSet<>();
    train.forEach(e -> trainQuestions.add(e.first()));
    assertTrue(dev.stream().noneMatch(e -> trainQuestions.contains(e.first())),
        "no question on both sides");
    Set<SentenceExample> union = new HashSet<>(train);
    union.addAll(dev);
    assertEquals(new HashSet<>(all), union, "the same pairs, none altered");
    // both labels on both sides
    assertEquals(2, dev.stream().map(SentenceExample::label).distinct().count());
    QnliDevSplit.Sizes sizes = QnliDevSplit.sizes(folder);
    assertEquals(dev.size(), sizes.devPairs());
    assertTrue(sizes.describe().startsWith("QNLI dev split, not the paper's QNLI train/dev"));
    assertTrue(QnliDevSplit.isSplit(folder));

    // seeded: the same bytes on every machine, every time
    Path again = QnliDevSplit.write(SHIPPED, dir.resolve("b"));
    for (Split split : new Split[] {Split.TRAIN, Split.DEV}) {
      assertArrayEquals(Files.readAllBytes(TaskFiles.path(folder, Task.QNLI, split)),
          Files.readAllBytes(TaskFiles.path(again, Task.QNLI, split)));
    }
  }
}
