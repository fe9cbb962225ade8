package slash.repro.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slash.core.data.Task;

/**
 * Where one task's files come from: a public zip, the files to take from it (path inside the
 * archive -> file name under {@code <data>/<task>/}), the SHA-256 of each extracted file where it
 * is pinned, and of the archive itself where known (null: not pinned). A source with no URL cannot
 * be fetched; {@code why} says why and what to do instead.
 */
public record DataSource(Task task, String url, Map<String, String> files,
    Map<String, String> sha256, String archiveSha256, String why) {

  public DataSource {
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    sha256 = Map.copyOf(sha256);
  }

  /** The archive's file name (the last path segment of its URL), or null without a URL. */
  public String archiveName() {
    return url == null ? null : url.substring(url.lastIndexOf('/') + 1);
  }

  /** This source with its URL's host and path replaced by {@code base} (the file name kept). */
  public DataSource mirrored(String base) {
    return url == null || base == null ? this : new DataSource(task, base.replaceAll("/+$", "")
        + "/" + archiveName(), files, sha256, archiveSha256, why);
  }

  /** This source with other pinned sums (tests pin the files of the archives they serve). */
  public DataSource pinned(Map<String, String> fileSums, String archiveSum) {
    return new DataSource(task, url, files, fileSums, archiveSum, why);
  }

  /*
   * The pinned SHA-256 of each extracted file. Source: the copies in the team's shared data folder
   * (../shared/data/glue, described in ../shared/data/README.md; used here only to compute these
   * sums, never read by the product), whose provenance that README records:
   *   SST-2 train/dev, RTE train/dev: the GLUE release (RTE cross-checked against three public
   *     copies: F0restL1n/BERT @ 03e1106d, marcwww/nlu_eval, amrnag/Specialized-Transformers);
   *   CoLA, STS-B train/dev, QNLI (v2) dev: byte-for-byte copies in F0restL1n/BERT @ 03e1106d,
   *     cross-checked against Nstats/my_bert (CoLA) and mieseung/Cutoff_with_Attribution (STS-B);
   *   MRPC dev: F0restL1n/BERT @ 03e1106d; MRPC train: rebuilt with the GLUE download script's own
   *     split from msr_paraphrase_train.txt and dev_ids.tsv (that rebuild reproduces the official
   *     dev.tsv byte for byte);
   *   CoNLL-2003 train/valid/test: kamalkraj/BERT-NER @ 1c8ed1e6, byte-identical in Hironsan/anago
   *     (IOB2 tags, the original IOB1 eng.train/testa/testb converted line for line).
   * Computed with sha256sum on 2026-12 from those files. Not pinned (no trusted copy here): QNLI
   * train, MNLI and QQP; their files are installed with their sum printed. The GLUE test.tsv files
   * (unlabelled, unused by the readers) are not extracted. No archive sum is pinned: no copy of the
   * zips themselves was available to compute one from, and a zip can be rebuilt by its host with
   * the same contents; the extracted files are what is checked.
   */
  static final Map<String, String> PINNED = Map.ofEntries(
      Map.entry("CoLA/train.tsv", "cb368ebeb9f27d7ad03720d27ddc95687a311bdb100781a2fe59a5f5b1bc0624"),
      Map.entry("CoLA/dev.tsv", "8c013e21dc39957cac37378d87bebe225b694a0d5fe13eded66c2856628833fd"),
      Map.entry("SST-2/train.tsv", "48eac26399f8456935f81dd9e3a745c1430adb6c62e233ccfe22db4a0d15d1d1"),
      Map.entry("SST-2/dev.tsv", "54a9c12c77e402fc14d6a66a506f24d999f596b0176eb777c972cccc2f9cc4b0"),
      Map.entry("STS-B/train.tsv", "41c4d978b6162abdcada7e49a982211954cca5459c228db478af333124b257a2"),
      Map.entry("STS-B/dev.tsv", "fe7dc0632a5033562f3cadff991f6e8d9b9b6311861660e78c3c82eb7db67f59"),
      Map.entry("QNLI/dev.tsv", "ac19409dcb04631eaaa094bdebdcf621086bc352503dfb6a1a648b614986f4fd"),
      Map.entry("RTE/train.tsv", "41e3a9b063433392343fad9e962cf2f58b681c78d8f71592f4186f0837246c5c"),
      Map.entry("RTE/dev.tsv", "80230dfa1347282e7b532b06a1004a76a710087541189bf874223ddf0e3819fb"),
      Map.entry("MRPC/train.tsv", "69abcedee3cf738c6ce58d772e43e1b7cdf5b4edee4aceda459c0d9f4e5599f3"),
      Map.entry("MRPC/dev.tsv", "9e8f284788040f7c9ecde2e1b3c07237c756f926bd9ef8548ef5d34b56f69f17"),
      Map.entry("CoNLL-2003/train.txt",
          "213953b5522fb7924802d883e50f027b2c6ffb5d4d0e63368ed82909f9b60423"),
      Map.entry("CoNLL-2003/valid.txt",
          "c02eb19809eafb83998326a0481942eb37d96f31826ae387cfe8773699969f5b"),
      Map.entry("CoNLL-2003/test.txt",
          "dc4ac7f3d6d01a6bec59261814561da3b287b6b493b97d1f69c580b52ec1831b"));

  /** The public sources: the GLUE archives the GLUE authors' script downloads, a CoNLL mirror. */
  public static List<DataSource> all() {
    String glue = "https://dl.fbaipublicfiles.com/glue/data/";
    return List.of(
        glue(Task.COLA, glue + "CoLA.zip", "CoLA", "train.tsv", "dev.tsv"),
        glue(Task.SST2, glue + "SST-2.zip", "SST-2", "train.tsv", "dev.tsv"),
        glue(Task.QQP, glue + "QQP-clean.zip", "QQP", "train.tsv", "dev.tsv"),
        glue(Task.STSB, glue + "STS-B.zip", "STS-B", "train.tsv", "dev.tsv"),
        glue(Task.MNLI, glue + "MNLI.zip", "MNLI", "train.tsv", "dev_matched.tsv",
            "dev_mismatched.tsv"),
        glue(Task.QNLI, glue + "QNLIv2.zip", "QNLI", "train.tsv", "dev.tsv"),
        glue(Task.RTE, glue + "RTE.zip", "RTE", "train.tsv", "dev.tsv"),
        new DataSource(Task.MRPC, null, ordered("train.tsv", "dev.tsv"), sums("MRPC",
            "train.tsv", "dev.tsv"), null, "not downloadable (licence: MSR-SSLA, Microsoft's "
            + "MSR Paraphrase corpus with its own installer)"),
        new DataSource(Task.CONLL2003, "https://data.deepai.org/conll2003.zip",
            ordered("train.txt", "valid.txt", "test.txt"),
            sums("CoNLL-2003", "train.txt", "valid.txt", "test.txt"), null, null));
  }

  private static DataSource glue(Task task, String url, String folder, String... names) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : names) {
      files.put(folder + "/" + name, name);
    }
    return new DataSource(task, url, files, sums(task.dirName(), names), null, null);
  }

  private static Map<String, String> ordered(String... names) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : names) {
      files.put(name, name);
    }
    return files;
  }

  private static Map<String, String> sums(String folder, String... names) {
    Map<String, String> sums = new LinkedHashMap<>();
    for (String name : names) {
      String sum = PINNED.get(folder + "/" + name);
      if (sum != null) {
        sums.put(name, sum);
      }
    }
    return sums;
  }
}
