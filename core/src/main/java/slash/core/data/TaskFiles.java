package slash.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a task's files live under a data folder: {@code <data>/<GLUE name>/train.tsv} and {@code
 * dev.tsv} (MNLI: {@code dev_matched.tsv}, {@code dev_mismatched.tsv}); CoNLL-2003 under {@code
 * <data>/CoNLL-2003/} as {@code train.txt}, {@code valid.txt}, {@code test.txt}.
 */
public final class TaskFiles {
  private TaskFiles() {}

  public static Path path(Path dataDir, Task task, Split split) {
    Path dir = dataDir.resolve(task.dirName());
    if (task == Task.CONLL2003) {
      return dir.resolve(switch (split) {
        case TRAIN -> "train.txt";
        case DEV, DEV_MISMATCHED -> "valid.txt";
        case TEST -> "test.txt";
      });
    }
    return dir.resolve(switch (split) {
      case TRAIN -> "train.tsv";
      case DEV -> task == Task.MNLI ? "dev_matched.tsv" : "dev.tsv";
      case DEV_MISMATCHED -> task == Task.MNLI ? "dev_mismatched.tsv" : "dev.tsv";
      case TEST -> throw new IllegalArgumentException(
          "GLUE test labels are not public; evaluate " + task.dirName() + " on dev");
    });
  }

  public static boolean exists(Path dataDir, Task task, Split split) {
    return Files.isRegularFile(path(dataDir, task, split));
  }

  public static List<SentenceExample> readSentences(Path dataDir, Task task, Split split) {
    return GlueReader.read(task, path(dataDir, task, split));
  }

  public static List<TokenExample> readTokens(Path dataDir, Split split) {
    return ConllReader.read(path(dataDir, Task.CONLL2003, split));
  }
}
