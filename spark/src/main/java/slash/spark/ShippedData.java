package slash.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.spark.SparkFiles;

/**
 * Task files sent with the job ({@code --ship-data}: {@code SparkContext.addFile}, recursive), as
 * a folder at a path that stays the same on a node across executors and retries: a run resumed
 * from its checkpoint must see the same config, data path included, as the attempt that wrote it.
 * Spark's own copy lives in a folder named per executor process, so it is copied once per node
 * into {@code <java.io.tmpdir>/slash-repro-shipped/<name>-<fingerprint>} (the fingerprint of its
 * files' names, sizes and times: changed data is a new folder, never a stale copy); {@code
 * -Dslash.spark.shipped=DIR} on the executors puts it elsewhere.
 */
final class ShippedData {
  private ShippedData() {}

  /** A shipped folder as the tasks name it: Spark's file name, and its {@link #fingerprint}. */
  record Folder(String name, String fingerprint) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Adds {@code dir} to the job ({@code SparkContext.addFile}, recursive); its name here. */
    static Folder ship(org.apache.spark.api.java.JavaSparkContext sc, Path dir) {
      sc.addFile(dir.toAbsolutePath().toString(), true);
      return new Folder(dir.getFileName().toString(), ShippedData.fingerprint(dir));
    }
  }

  /** Where the nodes keep their copies. */
  static Path root() {
    String dir = System.getProperty("slash.spark.shipped");
    return dir != null ? Path.of(dir)
        : Path.of(System.getProperty("java.io.tmpdir"), "slash-repro-shipped");
  }

  /** The node's stable copy of a shipped folder. */
  static Path local(Folder folder) {
    String name = folder.name();
    Path stable = root().resolve(name + "-" + folder.fingerprint());
    if (Files.isDirectory(stable)) {
      return stable;
    }
    Path fromSpark = Path.of(SparkFiles.get(name));
    if (!Files.isDirectory(fromSpark)) {
      throw new IllegalStateException("the shipped data folder " + name + " is not on this "
          + "executor (" + fromSpark + "): was it added with --ship-data?");
    }
    try {
      Files.createDirectories(stable.getParent());
      Path partial = Files.createTempDirectory(stable.getParent(), name + ".partial-");
      copyTree(fromSpark, partial);
      try {
        Files.move(partial, stable, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        // another task on this node got there first: theirs is the same data
        deleteTree(partial);
      }
      return stable;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the shipped data folder " + name + " to "
          + stable + ": " + e.getMessage(), e);
    }
  }

  /** Names, sizes and modification times of the files under {@code dir}, hashed. */
  static String fingerprint(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        digest.update((dir.relativize(p) + "\t" + Files.size(p) + "\t"
            + Files.getLastModifiedTime(p).toMillis() + "\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
      }
      return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the data folder " + dir + " to ship it: "
          + e.getMessage(), e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Deletes {@code dir} and everything under it. */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
