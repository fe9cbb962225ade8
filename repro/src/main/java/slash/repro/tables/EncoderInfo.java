package slash.repro.tables;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import slash.core.model.EncoderConfig;

/**
 * The encoder a table ran on, for its title and provenance: a name, the weights file it was read
 * from (none for the generated smoke encoder) and that file's SHA-256.
 */
public record EncoderInfo(String name, String path, String sha256, String shape) {

  public static EncoderInfo of(String name, Path weightsFile, EncoderConfig config) {
    String shape = String.format(Locale.ROOT, "%s, %d layers x hidden %d", config.modelType(),
        config.layers(), config.hidden());
    if (weightsFile == null) {
      return new EncoderInfo(name, null, null, shape);
    }
    return new EncoderInfo(name, weightsFile.toString(), sha256(weightsFile), shape);
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
