package slash.core.io;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import slash.core.data.DataFolders;

/**
 * Paths as they may appear in committed results: never the absolute home, cache or checkout
 * folder of the machine that wrote them. A path inside the checkout becomes relative to it, as
 * does one beside it ({@code ../data/glue}), one under the user's home {@code ~/...}; a relative
 * path stays as given.
 */
public final class PortablePaths {
  private final Path checkout;
  private final Path home;

  public PortablePaths(Path checkout, Path home) {
    Path root = checkout == null ? null : checkout.toAbsolutePath().normalize();
    this.checkout = root == null || root.getNameCount() == 0 ? null : root;
    this.home = home == null || home.toString().isEmpty() || home.getNameCount() == 0 ? null
        : home.toAbsolutePath().normalize();
  }

  /**
   * For this JVM: the checkout ({@code -Dslash.home}, else the working directory, see {@link
   * DataFolders#checkout()}) and {@code user.home}.
   */
  public static PortablePaths here() {
    String home = System.getProperty("user.home");
    return new PortablePaths(DataFolders.checkout(), home == null ? null : Path.of(home));
  }

  /** {@code path} relative to the checkout (inside it or beside it), else {@code ~/...}, else as given. */
  public String of(Path path) {
    if (path == null) {
      return null;
    }
    if (!path.isAbsolute()) {
      return path.toString();
    }
    Path p = path.normalize();
    if (checkout != null && p.startsWith(checkout)) {
      String rel = checkout.relativize(p).toString();
      return rel.isEmpty() ? "." : rel;
    }
    // a folder beside the checkout (a data folder next to the clone): ../name
    Path parent = checkout == null ? null : checkout.getParent();
    if (parent != null && parent.getNameCount() > 0 && p.startsWith(parent)) {
      return checkout.relativize(p).toString();
    }
    if (home != null && p.startsWith(home)) {
      String rel = home.relativize(p).toString();
      return rel.isEmpty() ? "~" : "~/" + rel;
    }
    return p.toString();
  }

  /** {@link #of(Path)} of a path given as text; null stays null. */
  public String of(String path) {
    return path == null ? null : of(Path.of(path));
  }

  /**
   * {@code text} (a JSON file, an error message) with the checkout's absolute path replaced by
   * {@code .} and the user's home by {@code ~}.
   */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    if (checkout != null) {
      out = replacePrefix(out, checkout.toString(), ".");
    }
    if (home != null) {
      out = replacePrefix(out, home.toString(), "~");
    }
    return out;
  }

  /** {@code prefix} where a whole path component ends after it ("/root" not in "/rootfs"). */
  private static String replacePrefix(String text, String prefix, String with) {
    return Pattern.compile(Pattern.quote(prefix) + "(?![^/\\\\\\s\"'`,;:)\\]}])")
        .matcher(text).replaceAll(Matcher.quoteReplacement(with));
  }
}
