package slash.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import slash.core.io.AtomicFiles;

/**
 * A trainable QNLI task made of the one task file this repository may ship, QNLI's dev set
 * (CC BY-SA 4.0, {@code data/mini/README.md}): its pairs are split <em>by question</em>, so that
 * no question is on both sides, into a training part and a held-out part of at least {@link
 * #HELD_OUT} pairs. The questions are shuffled with {@link #SEED} and taken into the held-out part
 * in that order until it has enough pairs; both parts keep the file's header and line order.
 *
 * <p>Only for mini scale when no real QNLI {@code train.tsv} is given: every table that shows a
 * cell trained on it says so, since it is not the paper's QNLI train/dev.
 */
public final class QnliDevSplit {
  /** The folder the split is written to; also the data identity of its runs. */
  public static final String FOLDER = "qnli-dev-split";
  public static final long SEED = 0;
  public static final int HELD_OUT = 1000;

  private QnliDevSplit() {}

  /** The split's line counts, for footnotes. */
  public record Sizes(int trainPairs, int devPairs, int trainQuestions, int devQuestions) {
    public String describe() {
      return String.format(Locale.ROOT, "QNLI dev split, not the paper's QNLI train/dev: GLUE's "
          + "QNLI dev set (the one task file this repository ships) split by question (seed %d, "
          + "no question on both sides): trained on %,d pairs (%,d questions), scored on the "
          + "other %,d (%,d questions)", SEED, trainPairs, trainQuestions, devPairs,
          devQuestions);
    }
  }

  /** Whether {@code dataDir} is such a split (its runs must not pass for real QNLI runs). */
  public static boolean isSplit(Path dataDir) {
    return dataDir != null && dataDir.getFileName() != null
        && dataDir.getFileName().toString().equals(FOLDER);
  }

  /**
   * Writes the split of {@code shippedDev} (a QNLI {@code dev.tsv}) as {@code
   * <under>/qnli-dev-split/QNLI/train.tsv} and {@code dev.tsv}; returns that data folder. The
   * same input always gives the same bytes.
   */
  public static Path write(Path shippedDev, Path under) {
    List<String> lines;
    try {
      lines = Files.readAllLines(shippedDev, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + shippedDev, e);
    }
    if (lines.size() < 2) {
      throw new DataFormatException(shippedDev, 1, "no QNLI pairs to split");
    }
    // validates the file (header, columns, labels) with the reader every run uses
    GlueReader.read(Task.QNLI, shippedDev);
    String header = lines.get(0);
    int question = List.of(header.split("\t", -1)).indexOf("question");
    Map<String, List<Integer>> byQuestion = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) {
        byQuestion.computeIfAbsent(lines.get(i).split("\t", -1)[question],
            q -> new ArrayList<>()).add(i);
      }
    }
    List<String> questions = new ArrayList<>(byQuestion.keySet());
    Collections.shuffle(questions, new Random(SEED));
    boolean[] heldOut = new boolean[lines.size()];
    int devPairs = 0;
    int devQuestions = 0;
    for (String q : questions) {
      if (devPairs >= HELD_OUT) {
        break;
      }
      for (int line : byQuestion.get(q)) {
        heldOut[line] = true;
        devPairs++;
      }
      devQuestions++;
    }
    StringBuilder train = new StringBuilder(header).append('\n');
    StringBuilder dev = new StringBuilder(header).append('\n');
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) {
        (heldOut[i] ? dev : train).append(lines.get(i)).append('\n');
      }
    }
    Path folder = under.resolve(FOLDER);
    AtomicFiles.writeString(TaskFiles.path(folder, Task.QNLI, Split.TRAIN), train.toString());
    AtomicFiles.writeString(TaskFiles.path(folder, Task.QNLI, Split.DEV), dev.toString());
    return folder;
  }

  /**
   * The split of the QNLI dev set this checkout ships ({@link DataFolders#shipped}), written under
   * {@code under}; null when the checkout ships none.
   */
  public static Path fromShipped(Path checkout, Path under) {
    Path shipped = TaskFiles.path(DataFolders.shipped(checkout), Task.QNLI, Split.DEV);
    return Files.isRegularFile(shipped) ? write(shipped, under) : null;
  }

  /** The sizes of a written split. */
  public static Sizes sizes(Path folder) {
    List<SentenceExample> train = TaskFiles.readSentences(folder, Task.QNLI, Split.TRAIN);
    List<SentenceExample> dev = TaskFiles.readSentences(folder, Task.QNLI, Split.DEV);
    return new Sizes(train.size(), dev.size(),
        (int) train.stream().map(SentenceExample::first).distinct().count(),
        (int) dev.stream().map(SentenceExample::first).distinct().count());
  }
}
