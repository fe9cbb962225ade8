package slash.repro;

import java.nio.file.Path;

/**
 * Where DJL unpacks its natives and the MiniLM weights are extracted: {@code -Dslash.cache}, else
 * {@code ~/.cache/slash-repro}. Its own class so the commands and {@link Cli}, which runs them,
 * need not know each other.
 */
public final class ModelCache {
  private ModelCache() {}

  public static Path dir() {
    return Path.of(System.getProperty("slash.cache",
        System.getProperty("user.home") + "/.cache/slash-repro"));
  }
}
