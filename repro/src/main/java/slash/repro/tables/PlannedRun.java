package slash.repro.tables;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import slash.core.config.RunConfig;
import slash.core.data.QnliDevSplit;

/**
 * One training run a table needs, named by its config: runs shared by several tables (SLaSh
 * d = 1,024 is in Tables 2, 3 and 9) run once. The key leaves out the data folder, so results stay
 * valid when the data moves; but a run on the shipped QNLI dev split ({@link QnliDevSplit}) keeps
 * that name in its identity, so it never passes for a run on the real QNLI train/dev.
 */
public record PlannedRun(String key, RunConfig config) {
  public static PlannedRun of(RunConfig config) {
    Path data = QnliDevSplit.isSplit(config.dataPath()) ? Path.of(QnliDevSplit.FOLDER)
        : Path.of(".");
    String identity = config.withDataDir(data).toJson();
    String hash;
    try {
      hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(identity.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String key = String.format(Locale.ROOT, "%s-%s-%s-lr%s-s%d-%s",
        config.task().dirName().toLowerCase(Locale.ROOT), config.method().label(),
        config.representation().name().toLowerCase(Locale.ROOT), config.learningRate(),
        config.seed(), hash);
    return new PlannedRun(key, config);
  }
}
