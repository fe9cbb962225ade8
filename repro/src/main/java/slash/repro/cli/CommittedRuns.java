package slash.repro.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import slash.core.io.AtomicFiles;

/**
 * The committed per-run results of a scale as references for a reproduction that writes
 * elsewhere (the main job's {@code target/results}): each one the output folder lacks is copied
 * there, so its tables keep every committed cell it does not train again. A result already there
 * is never replaced.
 */
final class CommittedRuns {
  private CommittedRuns() {}

  static int copyMissing(Path committed, Path runs) {
    if (!Files.isDirectory(committed)
        || committed.toAbsolutePath().normalize().equals(runs.toAbsolutePath().normalize())) {
      return 0;
    }
    int copied = 0;
    try (Stream<Path> files = Files.list(committed)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        Path target = runs.resolve(file.getFileName().toString());
        if (!Files.exists(target)) {
          Files.createDirectories(runs);
          AtomicFiles.write(target, Files.readAllBytes(file));
          copied++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the committed run results of " + committed
          + " into " + runs + ": " + e.getMessage(), e);
    }
    return copied;
  }
}
