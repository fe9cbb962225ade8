package slash.core.smoke;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import slash.core.data.Task;
import slash.core.io.AtomicFiles;

/**
 * Writes small, seeded files for every task in its official format (GLUE TSV layouts with their
 * real headers, CoLA without one, CoNLL-2003 in IOB1), with a learnable signal: each class has its
 * own cue words, two per cue-bearing sentence; STS-B's score is the number of cue words in the second sentence; NER entities are
 * drawn from per-type name lists. Some sentences carry a stray double quote, as QQP and MNLI do.
 */
public final class SmokeData {
  static final List<String> FILLER = List.of("the", "a", "movie", "story", "man", "woman", "city",
      "today", "was", "is", "very", "quite", "and", "with", "of", "in", "on", "about", "this",
      "that", "it", "they", "we", "saw", "read", "went", "some", "many", "old", "new");
  /** Cue words per class; class c of a task uses CUES.get(c). */
  static final List<List<String>> CUES = List.of(
      List.of("good", "great", "lovely", "happy"),
      List.of("bad", "awful", "boring", "sad"),
      List.of("maybe", "perhaps", "possibly", "unclear"));
  static final List<String> SCORE_CUE = List.of("same", "equal", "alike", "similar", "matching");
  static final List<List<String>> ENTITIES = List.of(
      List.of("PER", "alice", "bob", "carol", "smith", "jones"),
      List.of("ORG", "acme", "globex", "initech", "corp"),
      List.of("LOC", "paris", "berlin", "tokyo", "lima"),
      List.of("MISC", "english", "french", "olympic", "euro"));
  static final String QUOTE = "\"";

  private final Random random;

  private SmokeData(long seed) {
    this.random = new Random(seed);
  }

  /** Every word the generator can emit, for the smoke tokenizer's vocabulary. */
  public static List<String> vocabulary() {
    Set<String> words = new LinkedHashSet<>(FILLER);
    CUES.forEach(words::addAll);
    words.addAll(SCORE_CUE);
    for (List<String> type : ENTITIES) {
      words.addAll(type.subList(1, type.size()));
    }
    words.add(QUOTE);
    words.add(".");
    return List.copyOf(words);
  }

  /** Writes {@code train} and {@code dev} examples per task under {@code dir} (GLUE layout). */
  public static void write(Path dir, long seed, int train, int dev) {
    SmokeData data = new SmokeData(seed);
    for (Task task : Task.values()) {
      Path taskDir = dir.resolve(task.dirName());
      if (task == Task.CONLL2003) {
        AtomicFiles.writeString(taskDir.resolve("train.txt"), data.conll(train));
        AtomicFiles.writeString(taskDir.resolve("valid.txt"), data.conll(dev));
        AtomicFiles.writeString(taskDir.resolve("test.txt"), data.conll(dev));
      } else if (task == Task.MNLI) {
        AtomicFiles.writeString(taskDir.resolve("train.tsv"), data.glue(task, train, false));
        AtomicFiles.writeString(taskDir.resolve("dev_matched.tsv"), data.glue(task, dev, true));
        AtomicFiles.writeString(taskDir.resolve("dev_mismatched.tsv"),
            data.glue(task, dev, true));
      } else {
        AtomicFiles.writeString(taskDir.resolve("train.tsv"), data.glue(task, train, false));
        AtomicFiles.writeString(taskDir.resolve("dev.tsv"), data.glue(task, dev, true));
      }
    }
  }

  private String glue(Task task, int rows, boolean dev) {
    StringBuilder out = new StringBuilder();
    String header = header(task, dev);
    if (header != null) {
      out.append(header).append('\n');
    }
    for (int i = 0; i < rows; i++) {
      int label = task == Task.STSB ? random.nextInt(SCORE_CUE.size() + 1)
          : random.nextInt(task.labels().size());
      String first = sentence(4, 7, null);
      String second = task == Task.STSB ? scoredSentence(label)
          : sentence(3, 6, CUES.get(label));
      String gold = task == Task.STSB ? String.format("%.3f", (double) label)
          : task.labels().get(label);
      out.append(row(task, i, dev, first, second, gold)).append('\n');
    }
    return out.toString();
  }

  private static String header(Task task, boolean dev) {
    return switch (task) {
      case MNLI -> "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\t"
          + "sentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\t"
          + (dev ? "label1\tlabel2\tlabel3\tlabel4\tlabel5\tgold_label" : "label1\tgold_label");
      case QQP -> "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate";
      case QNLI -> "index\tquestion\tsentence\tlabel";
      case SST2 -> "sentence\tlabel";
      case COLA -> null;
      case STSB -> "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\t"
          + "sentence2\tscore";
      case MRPC -> "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String";
      case RTE -> "index\tsentence1\tsentence2\tlabel";
      case CONLL2003 -> throw new IllegalArgumentException("not a GLUE task");
    };
  }

  private static String row(Task task, int i, boolean dev, String first, String second,
      String gold) {
    // Single-sentence tasks use the cue-bearing sentence alone.
    String single = second;
    return switch (task) {
      case MNLI -> tsv(i, 1000 + i, i + "e", "fiction", "( " + first + " )", "( " + second + " )",
          "(ROOT " + first + ")", "(ROOT " + second + ")", first, second,
          dev ? gold + "\t" + gold + "\t" + gold + "\t" + gold + "\t" + gold : gold, gold);
      case QQP -> tsv(i, 2 * i + 1, 2 * i + 2, first, second, gold);
      case QNLI, RTE -> tsv(i, first, second, gold);
      case SST2 -> tsv(single, gold);
      case COLA -> tsv("smk0" + (i % 9), gold, gold.equals("0") ? "*" : "", single);
      case STSB -> tsv(i, "main-captions", "MSRvid", "2012test", i, "none", "none", first,
          second, gold);
      case MRPC -> tsv(gold, 100 + i, 200 + i, first, second);
      case CONLL2003 -> throw new IllegalArgumentException("not a GLUE task");
    };
  }

  private static String tsv(Object... fields) {
    StringJoiner joiner = new StringJoiner("\t");
    for (Object field : fields) {
      joiner.add(String.valueOf(field));
    }
    return joiner.toString();
  }

  private String sentence(int min, int max, List<String> cues) {
    int length = min + random.nextInt(max - min + 1);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      words.add(pick(FILLER));
    }
    if (cues != null) { // two cue words: a random 32-wide encoder needs a clear signal
      words.add(random.nextInt(words.size() + 1), pick(cues));
      words.add(random.nextInt(words.size() + 1), pick(cues));
    }
    if (random.nextInt(10) == 0) {
      words.add(random.nextInt(words.size() + 1), QUOTE); // a stray quote, as in QQP and MNLI
    }
    return String.join(" ", words) + " .";
  }

  private String scoredSentence(int cueCount) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 3 + random.nextInt(3); i++) {
      words.add(pick(FILLER));
    }
    for (int i = 0; i < cueCount; i++) {
      words.add(random.nextInt(words.size() + 1), SCORE_CUE.get(i));
    }
    return String.join(" ", words) + " .";
  }

  private String conll(int sentences) {
    StringBuilder out = new StringBuilder("-DOCSTART- -X- -X- O\n\n");
    for (int s = 0; s < sentences; s++) {
      int length = 5 + random.nextInt(6);
      String previousType = "O";
      for (int w = 0; w < length; w++) {
        if (random.nextInt(3) == 0) {
          List<String> type = ENTITIES.get(random.nextInt(ENTITIES.size()));
          int span = 1 + random.nextInt(2);
          for (int k = 0; k < span; k++) {
            // IOB1: I- unless this entity directly follows another of the same type.
            String prefix = k == 0 && previousType.equals(type.get(0)) ? "B-" : "I-";
            out.append(pick(type.subList(1, type.size()))).append(" NNP I-NP ")
                .append(prefix).append(type.get(0)).append('\n');
          }
          previousType = type.get(0);
        } else {
          out.append(pick(FILLER)).append(" NN I-NP O\n");
          previousType = "O";
        }
      }
      out.append(". . O O\n\n");
      if (s % 10 == 9) {
        out.append("-DOCSTART- -X- -X- O\n\n");
      }
    }
    return out.toString();
  }

  private String pick(List<String> words) {
    return words.get(random.nextInt(words.size()));
  }
}
