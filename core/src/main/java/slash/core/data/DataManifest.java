package slash.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checksums of the files in a data folder, as {@code sha256sum} writes them: a file named
 * {@value #FILE_NAME} in the folder, one {@code <64 hex digits><space><space or *><path>} line per
 * file, paths relative to the folder. {@link #verifyIfPresent} checks every listed file; a folder
 * without a manifest (a user's own copy) is accepted as it is.
 *
 * <p>A listed file that is missing or whose SHA-256 differs is reported as a {@link
 * DataFormatException} naming the file, the expected and the actual checksum; so is a malformed
 * manifest line (naming the manifest and the line).
 */
public final class DataManifest {
  /** The manifest's file name inside a data folder. */
  public static final String FILE_NAME = "SHA256SUMS";

  private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");

  /** One listed file: its path relative to the data folder and its expected lower-case SHA-256. */
  public record Entry(String path, String sha256) {}

  private final Path dataDir;
  private final Path manifestFile;
  private final List<Entry> entries;

  private DataManifest(Path dataDir, Path manifestFile, List<Entry> entries) {
    this.dataDir = dataDir;
    this.manifestFile = manifestFile;
    this.entries = List.copyOf(entries);
  }

  /** The manifest of {@code dataDir}, or empty when the folder has no {@value #FILE_NAME}. */
  public static Optional<DataManifest> find(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
  }

  /**
   * Parses a manifest; the paths it lists are relative to the folder that holds it. Paths in
   * errors and results are absolute and normalised.
   */
  public static DataManifest read(Path manifest) {
    Path manifestFile = manifest.toAbsolutePath().normalize();
    List<String> lines;
    try {
      lines = Files.readAllLines(manifestFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifestFile + ": " + e.getMessage(), e);
    }
    Path dataDir = manifestFile.getParent();
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new DataFormatException(manifestFile, i + 1,
            "expected '<sha256>  <path>' as sha256sum writes it, found '" + line + "'");
      }
      String path = m.group(2);
      Path resolved = dataDir.resolve(path).normalize();
      if (Path.of(path).isAbsolute() || !resolved.startsWith(dataDir)
          || path.contains("\\")) {
        throw new DataFormatException(manifestFile, i + 1,
            "path '" + path + "' must be relative and stay inside " + dataDir);
      }
      if (entries.put(path, new Entry(path, m.group(1).toLowerCase())) != null) {
        throw new DataFormatException(manifestFile, i + 1, "'" + path + "' is listed twice");
      }
    }
    return new DataManifest(dataDir, manifestFile, new ArrayList<>(entries.values()));
  }

  /**
   * Verifies the manifest of {@code dataDir} if it has one.
   *
   * @return the files verified, in manifest order; empty when the folder has no manifest
   * @throws DataFormatException for the first listed file that is missing or differs
   */
  public static List<Path> verifyIfPresent(Path dataDir) {
    return find(dataDir).map(DataManifest::verify).orElse(List.of());
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path manifestFile() {
    return manifestFile;
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * Checks every listed file against its checksum.
   *
   * @return the files verified, in manifest order
   * @throws DataFormatException for the first listed file that is missing or differs
   */
  public List<Path> verify() {
    List<Path> verified = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      Path file = dataDir.resolve(entry.path());
      if (!Files.isRegularFile(file)) {
        throw new DataFormatException(file, 0, "listed in " + manifestFile
            + " but missing: expected SHA-256 " + entry.sha256() + ", actual none");
      }
      String actual = sha256(file);
      if (!actual.equals(entry.sha256())) {
        throw new DataFormatException(file, 0, "SHA-256 mismatch: expected " + entry.sha256()
            + ", actual " + actual + " (listed in " + manifestFile + ")");
      }
      verified.add(file);
    }
    return verified;
  }

  /** The lower-case hex SHA-256 of a file's bytes. */
  public static String sha256(Path file) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
