package slash.repro.data;

import java.util.List;
import java.util.Map;
import slash.core.data.Task;

/**
 * Where one task's files come from: a public zip, the files to take from it (path inside the
 * archive -> file name under {@code <data>/<task>/}), and their SHA-256 where it is pinned. A
 * source with no URL cannot be fetched; {@code why} says what to do instead.
 */
public record DataSource(Task task, String url, Map<String, String> files,
    Map<String, String> sha256, String why) {

  /** The public sources: the GLUE archives the GLUE authors' script downloads, a CoNLL mirror. */
  public static List<DataSource> all() {
    String glue = "https://dl.fbaipublicfiles.com/glue/data/";
    return List.of(
        glue(Task.COLA, glue + "CoLA.zip", "CoLA", Map.of()),
        glue(Task.SST2, glue + "SST-2.zip", "SST-2", Map.of(
            "train.tsv", "48eac26399f8456935f81dd9e3a745c1430adb6c62e233ccfe22db4a0d15d1d1",
            "dev.tsv", "54a9c12c77e402fc14d6a66a506f24d999f596b0176eb777c972cccc2f9cc4b0")),
        glue(Task.QQP, glue + "QQP-clean.zip", "QQP", Map.of()),
        glue(Task.STSB, glue + "STS-B.zip", "STS-B", Map.of()),
        new DataSource(Task.MNLI, glue + "MNLI.zip", Map.of("MNLI/train.tsv", "train.tsv",
            "MNLI/dev_matched.tsv", "dev_matched.tsv", "MNLI/dev_mismatched.tsv",
            "dev_mismatched.tsv"), Map.of(), null),
        glue(Task.QNLI, glue + "QNLIv2.zip", "QNLI", Map.of()),
        glue(Task.RTE, glue + "RTE.zip", "RTE", Map.of()),
        new DataSource(Task.MRPC, null, Map.of(), Map.of(), "GLUE builds MRPC from Microsoft's "
            + "MSR Paraphrase corpus, which has its own licence and installer: put its GLUE "
            + "train.tsv and dev.tsv into <data>/MRPC/"),
        new DataSource(Task.CONLL2003, "https://data.deepai.org/conll2003.zip", Map.of(
            "train.txt", "train.txt", "valid.txt", "valid.txt", "test.txt", "test.txt"),
            Map.of(), null));
  }

  private static DataSource glue(Task task, String url, String folder,
      Map<String, String> sha256) {
    return new DataSource(task, url, Map.of(folder + "/train.tsv", "train.tsv",
        folder + "/dev.tsv", "dev.tsv"), sha256, null);
  }
}
