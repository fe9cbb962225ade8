package slash.repro.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code slash fetch-data}: downloads the task files from their public sources into the data
 * folder, checks pinned SHA-256 sums, and reports per task what it has and what is missing and why
 * (no network, a source that cannot be fetched, a checksum mismatch). Files already present with
 * the right sum are left alone; a file is only ever moved into place whole.
 */
public final class DataFetcher {
  private final Path dataDir;
  private final HttpClient http;
  private final String mirror;

  /** {@code mirror}: a base URL that replaces the sources' hosts (file name kept), or null. */
  public DataFetcher(Path dataDir, String mirror) {
    this.dataDir = dataDir;
    this.mirror = mirror;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** What happened to one task. */
  public record Outcome(String task, boolean ok, String message) {}

  public List<Outcome> fetch(List<DataSource> sources) {
    List<Outcome> outcomes = new ArrayList<>();
    for (DataSource source : sources) {
      outcomes.add(fetchOne(source));
    }
    return outcomes;
  }

  private Outcome fetchOne(DataSource source) {
    String name = source.task().dirName();
    Path dir = dataDir.resolve(name);
    if (present(source, dir)) {
      return new Outcome(name, true, "present");
    }
    if (source.url() == null) {
      return new Outcome(name, false, "missing: " + source.why());
    }
    String url = mirror == null ? source.url()
        : mirror.replaceAll("/$", "") + "/" + source.url().substring(source.url()
            .lastIndexOf('/') + 1);
    Path archive = null;
    try {
      Files.createDirectories(dataDir);
      archive = Files.createTempFile(dataDir, name, ".zip.part");
      HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofFile(archive));
      if (response.statusCode() != 200) {
        Files.deleteIfExists(archive);
        return new Outcome(name, false, "missing: " + url + " answered HTTP "
            + response.statusCode());
      }
    } catch (IOException e) {
      deleteQuietly(archive);
      return new Outcome(name, false, "missing: cannot download " + url + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + "); no internet here? copy the files into " + dir);
    } catch (InterruptedException e) {
      deleteQuietly(archive);
      Thread.currentThread().interrupt();
      return new Outcome(name, false, "missing: interrupted");
    }
    try {
      List<String> taken = extract(archive, source, dir);
      return new Outcome(name, true, "fetched " + String.join(", ", taken) + " from " + url);
    } catch (IOException | IllegalStateException e) {
      return new Outcome(name, false, "missing: " + e.getMessage());
    } finally {
      deleteQuietly(archive);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException ignored) {
      // a leftover temp file is harmless
    }
  }

  /** Every file of the source exists and matches its pinned sum (unpinned: exists). */
  private static boolean present(DataSource source, Path dir) {
    if (source.files().isEmpty()) {
      return false;
    }
    for (String file : source.files().values()) {
      Path path = dir.resolve(file);
      if (!Files.isRegularFile(path)) {
        return false;
      }
      String pinned = source.sha256().get(file);
      if (pinned != null && !pinned.equals(sha256(path))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> extract(Path archive, DataSource source, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    List<String> taken = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String target = source.files().get(entry.getName());
        if (target == null) {
          continue;
        }
        Path part = dir.resolve(target + ".part");
        Files.copy(zip, part, StandardCopyOption.REPLACE_EXISTING);
        String pinned = source.sha256().get(target);
        String actual = sha256(part);
        if (pinned != null && !pinned.equals(actual)) {
          Files.delete(part);
          throw new IllegalStateException(entry.getName() + " has SHA-256 " + actual
              + ", expected " + pinned + ": not installed");
        }
        Files.move(part, dir.resolve(target), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        taken.add(target + (pinned == null ? " (sha256 " + actual.substring(0, 12) + "…, not "
            + "pinned)" : " (sha256 verified)"));
      }
    }
    for (Map.Entry<String, String> wanted : source.files().entrySet()) {
      if (!Files.isRegularFile(dir.resolve(wanted.getValue()))) {
        throw new IllegalStateException("the archive has no " + wanted.getKey());
      }
    }
    return taken;
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
