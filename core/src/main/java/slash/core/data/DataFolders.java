package slash.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the real task files are found, in one place: {@code --data}, else the {@code SLASH_DATA}
 * environment variable, else {@code data/glue} in the checkout, else the fetch cache that {@code
 * ./slash fetch-data} fills. Nothing else is ever looked at: a user's machine has no layout of
 * ours, so the product never guesses a folder beside the checkout.
 */
public final class DataFolders {
  /** The environment variable naming a data folder (as Hugging Face's {@code HF_DATASETS_CACHE}). */
  public static final String DATA_ENV = "SLASH_DATA";
  /** Overrides the fetch cache's location. */
  public static final String CACHE_ENV = "SLASH_DATA_CACHE";
  /** The checkout's root, set by the {@code slash} launcher; else the working directory. */
  public static final String HOME_PROPERTY = "slash.home";

  private DataFolders() {}

  /** A data folder and where it came from ("--data", "SLASH_DATA", ...), for messages. */
  public record Resolved(Path dir, String origin) {
    public boolean exists() {
      return Files.isDirectory(dir);
    }

    @Override
    public String toString() {
      return dir + " (" + origin + ")";
    }
  }

  /** The checkout the program runs from: {@code -Dslash.home}, else the working directory. */
  public static Path checkout() {
    return Path.of(System.getProperty(HOME_PROPERTY, "."));
  }

  /**
   * The fetch cache, outside the checkout as {@code datasets}' is: {@code $SLASH_DATA_CACHE}, else
   * {@code $XDG_CACHE_HOME/slash-repro/data}, else {@code ~/.cache/slash-repro/data}.
   */
  public static Path fetchCache(Map<String, String> env) {
    String own = env.get(CACHE_ENV);
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("slash-repro").resolve("data");
  }

  public static Path fetchCache() {
    return fetchCache(System.getenv());
  }

  /** The data folder to use: the first of the four places that is given or exists. */
  public static Resolved resolve(Path explicit, Path checkout, Map<String, String> env) {
    if (explicit != null) {
      return new Resolved(explicit, "--data");
    }
    String fromEnv = env.get(DATA_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Resolved(Path.of(fromEnv), DATA_ENV);
    }
    Path inCheckout = checkout.resolve("data").resolve("glue");
    if (Files.isDirectory(inCheckout)) {
      return new Resolved(inCheckout, "data/glue in the checkout");
    }
    Path cache = fetchCache(env);
    // an offline fetch-data leaves an empty cache behind: only one holding a task counts
    if (java.util.Arrays.stream(Task.values()).anyMatch(t -> Files.isDirectory(
        cache.resolve(t.dirName())))) {
      return new Resolved(cache, "the fetch-data cache");
    }
    return new Resolved(inCheckout, "default; absent");
  }

  public static Resolved resolve(Path explicit) {
    return resolve(explicit, checkout(), System.getenv());
  }

  /** The data this repository ships (QNLI's dev set, see {@code data/mini/README.md}). */
  public static Path shipped(Path checkout) {
    return checkout.resolve("data").resolve("mini");
  }
}
