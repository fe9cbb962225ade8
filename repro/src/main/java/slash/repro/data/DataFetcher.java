package slash.repro.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import slash.core.data.DataManifest;

/**
 * {@code slash fetch-data}: the task files from their public sources, as Hugging Face {@code
 * datasets} fetches a data set. Archives are downloaded into a downloads folder of the cache
 * (resumable, see {@link HttpDownload}) and kept there; the task files are extracted into {@code
 * <data>/<task>/}, each checked against its pinned SHA-256 and renamed into place whole. A file
 * that fails its sum is never left where the readers look: a downloaded one is removed (and its
 * archive kept aside as {@code .bad}, so the next run downloads it again), one found in the data
 * folder is moved aside to {@code <file>.bad}. Offline, only the cache is used.
 *
 * <p>The result is one {@link Outcome} per task: what is there, or the one reason it is not.
 */
public final class DataFetcher {
  /** Where and how to fetch. {@code env}: the environment, for the proxy variables. */
  public record Options(Path dataDir, Path downloads, boolean offline, Duration connectTimeout,
      Duration readTimeout, int retries, Map<String, String> env, PrintWriter progress,
      boolean interactive) {

    /** Online, 20 s connect and 60 s read time-outs, 3 retries, the process's environment. */
    public static Options of(Path dataDir, Path downloads) {
      return new Options(dataDir, downloads, false, Duration.ofSeconds(20),
          Duration.ofSeconds(60), 3, System.getenv(), null, false);
    }

    public Options offline(boolean on) {
      return new Options(dataDir, downloads, on, connectTimeout, readTimeout, retries, env,
          progress, interactive);
    }

    public Options timeouts(Duration connect, Duration read) {
      return new Options(dataDir, downloads, offline, connect, read, retries, env, progress,
          interactive);
    }

    public Options retries(int n) {
      return new Options(dataDir, downloads, offline, connectTimeout, readTimeout, n, env,
          progress, interactive);
    }

    public Options env(Map<String, String> variables) {
      return new Options(dataDir, downloads, offline, connectTimeout, readTimeout, retries,
          variables, progress, interactive);
    }

    /** Progress lines (bytes, rate, ETA) to {@code out}, redrawn in place if interactive. */
    public Options progress(PrintWriter out, boolean inPlace) {
      return new Options(dataDir, downloads, offline, connectTimeout, readTimeout, retries, env,
          out, inPlace);
    }
  }

  /** What happened to one task: {@code message} is the rest of its one line. */
  public record Outcome(String task, boolean ok, String message) {
    /** {@code TASK: message}; the command prefixes failures with {@code error: }. */
    public String line() {
      return task + ": " + message;
    }
  }

  private final Options options;
  private final EnvProxy proxy;
  private final HttpDownload download;

  public DataFetcher(Options options) {
    this.options = options;
    this.proxy = EnvProxy.from(options.env());
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL).proxy(proxy);
    // Basic credentials in the proxy URL; for an https:// download through the proxy the JDK
    // also needs -Djdk.http.auth.tunneling.disabledSchemes= (it refuses Basic there by default)
    String credentials = proxy.credentials();
    if (credentials != null && credentials.contains(":")) {
      String user = credentials.substring(0, credentials.indexOf(':'));
      char[] password = credentials.substring(credentials.indexOf(':') + 1).toCharArray();
      builder.authenticator(new Authenticator() {
        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
          return getRequestorType() == RequestorType.PROXY
              ? new PasswordAuthentication(user, password) : null;
        }
      });
    }
    this.download = new HttpDownload(builder.build(), proxy, options.connectTimeout(),
        options.readTimeout(), options.retries(), options.progress(), options.interactive());
  }

  public List<Outcome> fetch(List<DataSource> sources) {
    List<Outcome> outcomes = new ArrayList<>();
    for (DataSource source : sources) {
      try {
        outcomes.add(fetchOne(source));
      } catch (FetchFailure e) {
        outcomes.add(new Outcome(source.task().dirName(), false, e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcomes.add(new Outcome(source.task().dirName(), false, "interrupted"));
        break;
      }
    }
    return outcomes;
  }

  /** The files of a task folder: those missing, and notes on those moved aside. */
  private record Check(List<String> missing, List<String> notes) {}

  private Outcome fetchOne(DataSource source) throws FetchFailure, InterruptedException {
    String name = source.task().dirName();
    Path dir = options.dataDir().resolve(name);
    Check check = check(source, dir);
    if (check.missing().isEmpty()) {
      return new Outcome(name, true, "present in " + dir + sums(source, dir));
    }
    String aside = check.notes().isEmpty() ? "" : "; " + String.join("; ", check.notes());
    if (source.url() == null) {
      throw new FetchFailure(source.why() + "; put " + and(source.files().values()) + " in "
          + dir + aside);
    }
    Path archive = options.downloads().resolve(source.archiveName());
    boolean downloaded = false;
    if (!Files.isRegularFile(archive)) {
      if (options.offline()) {
        Path part = archive.resolveSibling(archive.getFileName() + ".part");
        throw new FetchFailure("not in the cache (--offline): no " + and(check.missing())
            + " in " + dir + " and no " + archive + (Files.isRegularFile(part)
                ? " (a partial download is there: run without --offline to resume it)"
                : "; run without --offline to download it") + aside);
      }
      download.fetch(source.url(), archive, name + " " + source.archiveName());
      downloaded = true;
    }
    if (source.archiveSha256() != null) {
      String actual = DataManifest.sha256(archive);
      if (!actual.equals(source.archiveSha256())) {
        Path bad = aside(archive);
        throw new FetchFailure(source.archiveName() + " failed its checksum (sha256 "
            + shortSum(actual) + ", pinned " + shortSum(source.archiveSha256()) + "); kept aside"
            + " as " + bad + "; run again to download it again" + aside);
      }
    }
    extract(archive, source, dir, check.missing());
    return new Outcome(name, true, (downloaded ? "downloaded " + source.url()
        + proxy.describe(java.net.URI.create(source.url())) + ", "
        : "from " + archive + ", ") + "extracted " + and(check.missing()) + " into " + dir
        + sums(source, dir) + aside);
  }

  /** Which files are missing; a present file that fails its pinned sum is moved aside. */
  private Check check(DataSource source, Path dir) throws FetchFailure {
    List<String> missing = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String file : source.files().values()) {
      Path path = dir.resolve(file);
      if (!Files.isRegularFile(path)) {
        missing.add(file);
        continue;
      }
      String pinned = source.sha256().get(file);
      if (pinned != null) {
        String actual = DataManifest.sha256(path);
        if (!actual.equals(pinned)) {
          Path bad = aside(path);
          missing.add(file);
          notes.add(file + " there failed its checksum (sha256 " + shortSum(actual) + ", pinned "
              + shortSum(pinned) + ") and was moved aside to " + bad.getFileName());
        }
      }
    }
    return new Check(missing, notes);
  }

  /** Extracts {@code wanted} (task file names) from the archive, each verified before its move. */
  private void extract(Path archive, DataSource source, Path dir, List<String> wanted)
      throws FetchFailure {
    List<String> done = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
          String target = source.files().get(entry.getName());
          if (target == null || !wanted.contains(target) || done.contains(target)) {
            continue;
          }
          Path part = dir.resolve(target + ".part");
          Files.copy(zip, part, StandardCopyOption.REPLACE_EXISTING);
          String pinned = source.sha256().get(target);
          String actual = DataManifest.sha256(part);
          if (pinned != null && !pinned.equals(actual)) {
            Files.delete(part);
            Path bad = aside(archive);
            throw new FetchFailure(target + " from " + source.archiveName() + " failed its "
                + "checksum (sha256 " + shortSum(actual) + ", pinned " + shortSum(pinned)
                + "); not installed, the archive kept aside as " + bad);
          }
          Files.move(part, dir.resolve(target), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
          done.add(target);
        }
      }
    } catch (IOException e) {
      Path bad = aside(archive);
      throw new FetchFailure("cannot extract " + source.archiveName() + " (" + e.getMessage()
          + "); the archive kept aside as " + bad + ", run again to download it again");
    }
    List<String> absent = new ArrayList<>();
    source.files().forEach((inArchive, target) -> {
      if (wanted.contains(target) && !done.contains(target)) {
        absent.add(inArchive);
      }
    });
    if (!absent.isEmpty()) {
      throw new FetchFailure(source.archiveName() + " (" + archive + ") has no "
          + and(absent));
    }
  }

  /** " (sha256 verified)", or which files have no pinned sum and their sums. */
  private static String sums(DataSource source, Path dir) {
    List<String> unpinned = new ArrayList<>();
    for (String file : source.files().values()) {
      if (!source.sha256().containsKey(file)) {
        unpinned.add(file + " " + shortSum(DataManifest.sha256(dir.resolve(file))));
      }
    }
    if (unpinned.isEmpty()) {
      return " (sha256 verified)";
    }
    return unpinned.size() == source.files().size()
        ? " (no pinned sha256: " + String.join(", ", unpinned) + ")"
        : " (sha256 verified; not pinned: " + String.join(", ", unpinned) + ")";
  }

  /** Moves a file to {@code <file>.bad}, replacing an older one; returns where it went. */
  private static Path aside(Path file) throws FetchFailure {
    Path bad = file.resolveSibling(file.getFileName() + ".bad");
    try {
      Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
      return bad;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // reported below
      }
      throw new FetchFailure(file + " failed its checksum and cannot be moved aside: "
          + e.getMessage());
    }
  }

  private static String shortSum(String sha256) {
    return sha256.substring(0, 16) + "…";
  }

  private static String and(java.util.Collection<String> names) {
    List<String> list = List.copyOf(names);
    return list.size() <= 1 ? String.join("", list)
        : String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size()
            - 1);
  }
}
