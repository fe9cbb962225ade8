package slash.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import slash.core.config.RunConfig;
import slash.core.io.AtomicFiles;
import slash.core.io.FaultPoint;
import slash.core.io.FloatTensor;
import slash.core.io.Json;

/**
 * A run's folder and the files in it: {@code last.safetensors} (model and optimizer state),
 * {@code best.safetensors} (model state only: a few KB for SLaSh), {@code epochs.json} and, when
 * the run is done, {@code result.json}.
 *
 * <p>{@code epochs.json} is the manifest, and the commit point: after each epoch the new
 * checkpoints are written in full beside the old ones ({@code last.safetensors.next}, {@code
 * best.safetensors.next}), then the manifest (the epochs so far, and each checkpoint's epoch,
 * size and SHA-256), then the checkpoints are renamed into place. A run killed anywhere resumes
 * from the last manifest: a checkpoint the manifest does not name yet is dropped, one it names
 * but was not renamed yet is renamed; a checkpoint that matches neither is refused with one line,
 * never used. Each file is written atomically (a temp file, then a rename).
 *
 * <p>{@link #open} takes the folder for the run's life: it checks that the folder can be written
 * (before any training), takes a lock ({@code run.lock}, holding the PID: a second run into the
 * folder is refused at once; the lock of a killed run is taken over, with a message), refuses a
 * folder holding another config's run in any file, and recovers the last commit.
 */
public final class RunFolder implements AutoCloseable {
  public static final String RESULT = "result.json";
  public static final String BEST = "best.safetensors";
  public static final String LAST = "last.safetensors";
  public static final String EPOCHS = "epochs.json";
  public static final String LOCK = "run.lock";
  /** A checkpoint written but not yet committed: NAME + this. */
  static final String PENDING = ".next";

  private final Path dir;
  private RunConfig config;
  private FileChannel lockChannel;
  private FileLock lock;
  private Manifest manifest;
  /** Whether this process's peak RSS was reset when it opened the run (see peakRssScope). */
  private boolean peakReset;

  public RunFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** One committed checkpoint, as the manifest records it. */
  public record FileRecord(String file, int epoch, long bytes, String sha256) {}

  /**
   * The manifest ({@code epochs.json}): the finished epochs, the checkpoints that go with them,
   * and the peak memory over every process that worked on the run.
   */
  public record Manifest(RunConfig config, List<EpochResult> epochs, FileRecord last,
      FileRecord best, long peakRssBytes) {}

  /** Where a killed run stopped: its last checkpoint and the epochs finished so far. */
  public record ResumePoint(Checkpoint last, List<EpochResult> epochs) {
    public int nextEpoch() {
      return last.epoch() + 1;
    }
  }

  public boolean isOpen() {
    return lock != null;
  }

  /**
   * Takes the folder for a run of {@code runConfig}: creates it and checks it can be written,
   * locks it, refuses another config's files, and completes or drops a commit a kill
   * interrupted. Close it when the run ends.
   */
  public RunFolder open(RunConfig runConfig) {
    if (isOpen()) {
      if (!runConfig.equals(config)) {
        throw new IllegalStateException(dir + " is open for another config");
      }
      return this;
    }
    checkWritable();
    takeLock();
    try {
      config = runConfig;
      checkConfigs();
      recover();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    // from here the process's peak is this run's: earlier runs in the same JVM no longer count
    peakReset = MemoryProbe.resetPeak();
    return this;
  }

  @Override
  public void close() {
    if (lockChannel == null) {
      return;
    }
    try {
      lockChannel.truncate(0); // a clean end: nothing stale for the next run to report
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // the lock goes with the channel when the process ends anyway
    } finally {
      lock = null;
      lockChannel = null;
    }
  }

  private void requireOpen() {
    if (!isOpen()) {
      throw new IllegalStateException("RunFolder " + dir + " used before open()");
    }
  }

  // ---- writability and lock ---------------------------------------------------------------

  private void checkWritable() {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-probe-", ".tmp");
      Files.deleteIfExists(probe);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the run folder " + dir + ": "
          + AtomicFiles.reason(e) + "; choose another output folder", e);
    }
  }

  private void takeLock() {
    Path file = dir.resolve(LOCK);
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock taken;
      try {
        taken = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        taken = null; // this process holds it already, through another RunFolder
      }
      String holder = read(channel);
      if (taken == null) {
        channel.close();
        throw new IllegalStateException(dir + " is in use by another run ("
            + (holder.isEmpty() ? "its lock is held" : holder) + "); wait for it to end or "
            + "choose another output folder");
      }
      long pid = pid(holder);
      if (pid > 0 && pid != ProcessHandle.current().pid()) {
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        System.err.println("warning: " + dir + ": taking over the lock of a run that did not end "
            + "cleanly (pid " + pid + (alive ? ", still running but not holding the lock)"
            : ", no longer running)") + "; resuming from its last finished epoch");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on "
          + host() + ", since " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      lockChannel = channel;
      lock = taken;
      FaultPoint.reach("locked");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file + ": " + AtomicFiles.reason(e), e);
    }
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
    channel.read(bytes, 0);
    return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).strip();
  }

  private static long pid(String holder) {
    if (!holder.startsWith("pid ")) {
      return -1;
    }
    try {
      return Long.parseLong(holder.substring(4).split("\\s+")[0]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String host() {
    String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    return name.contains("@") ? name.substring(name.indexOf('@') + 1) : name;
  }

  // ---- another config, in any file --------------------------------------------------------

  private String restart() {
    return "delete " + dir + " to start the run again";
  }

  /** Every file that records a config must record this one. */
  private void checkConfigs() {
    Path epochs = dir.resolve(EPOCHS);
    if (Files.isRegularFile(epochs)) {
      RunConfig recorded = readManifestConfig(epochs);
      if (recorded != null) {
        refuseIfOther(EPOCHS, recorded);
      }
    }
    Path result = dir.resolve(RESULT);
    if (Files.isRegularFile(result)) {
      refuseIfOther(RESULT, readJson(result, RunResult.class).config());
    }
    for (String name : List.of(LAST, BEST, LAST + PENDING, BEST + PENDING)) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        refuseIfOther(name, Checkpoint.readHeader(file, restart()).config());
      }
    }
  }

  private void refuseIfOther(String file, RunConfig recorded) {
    if (recorded != null && !recorded.equals(config)) {
      throw new IllegalStateException(dir + " holds a run with another config (" + file + ": "
          + differences(recorded, config) + "); remove it or choose another output folder");
    }
  }

  /** The config fields that differ, as "field there vs here". */
  static String differences(RunConfig there, RunConfig here) {
    JsonNode a = Json.mapper().valueToTree(there);
    JsonNode b = Json.mapper().valueToTree(here);
    List<String> out = new ArrayList<>();
    diff("", a, b, out);
    return out.isEmpty() ? "configs differ" : String.join(", ", out);
  }

  private static void diff(String prefix, JsonNode a, JsonNode b, List<String> out) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        diff(prefix + name + ".", a.get(name), b.get(name), out);
      }
      return;
    }
    if (a == null ? b != null : !a.equals(b)) {
      out.add(prefix.substring(0, prefix.length() - 1) + " " + a + " there, " + b + " here");
    }
  }

  private <T> T readJson(Path file, Class<T> type) {
    try {
      return Json.read(file, type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replace('\n', ' ') + "; " + restart(),
          e);
    }
  }

  /** The config an epochs.json records, or null for the older list-of-epochs form. */
  private RunConfig readManifestConfig(Path file) {
    JsonNode node = readTree(file);
    if (node.isArray()) {
      return null;
    }
    return readManifest(file).config();
  }

  private JsonNode readTree(Path file) {
    try {
      return Json.mapper().readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON (" + e.getOriginalMessage()
          + "); " + restart(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e), e);
    }
  }

  private Manifest readManifest(Path file) {
    Manifest read = readJson(file, Manifest.class);
    if (read.config() == null || read.epochs() == null || read.epochs().isEmpty()
        || read.last() == null || read.best() == null) {
      throw new IllegalArgumentException(file + ": incomplete manifest (it needs config, epochs, "
          + "last and best); " + restart());
    }
    return read;
  }

  // ---- recovery ---------------------------------------------------------------------------

  /** Completes or drops the commit a kill interrupted, and checks the checkpoints. */
  private void recover() {
    deleteStrayTemps();
    Path epochs = dir.resolve(EPOCHS);
    if (!Files.isRegularFile(epochs)) {
      deletePending(); // no epoch was committed: whatever is here is started over
      manifest = null;
      return;
    }
    if (readTree(epochs).isArray()) {
      manifest = legacy(epochs);
      deletePending();
      return;
    }
    manifest = readManifest(epochs);
    settle(manifest.last());
    settle(manifest.best());
  }

  /** One checkpoint: in place, or pending and renamed into place, or refused. */
  private void settle(FileRecord record) {
    Path file = dir.resolve(record.file());
    Path pending = dir.resolve(record.file() + PENDING);
    try {
      if (matches(file, record)) {
        Files.deleteIfExists(pending);
        return;
      }
      if (matches(pending, record)) {
        AtomicFiles.move(pending, file); // killed between the manifest and this rename
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot settle " + file + ": " + AtomicFiles.reason(e), e);
    }
    throw new IllegalStateException(dir + ": " + record.file() + " does not match " + EPOCHS
        + " (which records epoch " + record.epoch() + String.format(Locale.ROOT, ", %,d bytes",
        record.bytes()) + ", sha256 " + record.sha256().substring(0, 12) + "...; the folder "
        + "holds " + describe(file) + "): the run cannot resume from it; " + restart());
  }

  private String describe(Path file) {
    if (!Files.isRegularFile(file)) {
      return "no such file";
    }
    try {
      long size = Files.size(file);
      String epoch;
      try {
        epoch = "epoch " + (Checkpoint.readHeader(file, "").epoch() + 1);
      } catch (RuntimeException e) {
        epoch = "a damaged file";
      }
      return String.format(Locale.ROOT, "%s, %,d bytes", epoch, size);
    } catch (IOException e) {
      return "an unreadable file";
    }
  }

  private static boolean matches(Path file, FileRecord record) throws IOException {
    return Files.isRegularFile(file) && Files.size(file) == record.bytes()
        && sha256(Files.readAllBytes(file)).equals(record.sha256());
  }

  /**
   * The epochs.json of earlier versions (a list of epochs, written after last.safetensors, not
   * with it): resumed only where the two agree.
   */
  private Manifest legacy(Path epochsFile) {
    List<EpochResult> epochs = List.of(readJson(epochsFile, EpochResult[].class));
    Path last = dir.resolve(LAST);
    if (!Files.isRegularFile(last) || epochs.isEmpty()) {
      throw new IllegalStateException(dir + ": " + EPOCHS + " records " + epochs.size()
          + " epochs but there is no " + LAST + " to resume from; " + restart());
    }
    int lastEpoch = Checkpoint.readHeader(last, restart()).epoch() + 1;
    int recorded = epochs.get(epochs.size() - 1).epoch();
    if (lastEpoch != recorded) {
      throw new IllegalStateException(dir + ": " + LAST + " holds epoch " + lastEpoch + " but "
          + EPOCHS + " records epoch " + recorded + " as the last finished (killed between the "
          + "two writes): the run cannot resume from it; " + restart());
    }
    String key = config.task().primaryMetric().key();
    EpochResult bestEpoch = epochs.get(0);
    for (EpochResult e : epochs) {
      if (e.metrics().get(key) > bestEpoch.metrics().get(key)) {
        bestEpoch = e;
      }
    }
    Path best = dir.resolve(BEST);
    int bestHeld = Files.isRegularFile(best) ? Checkpoint.readHeader(best, restart()).epoch() + 1
        : -1;
    if (bestHeld != bestEpoch.epoch()) {
      throw new IllegalStateException(dir + ": " + EPOCHS + " records epoch " + bestEpoch.epoch()
          + " as the best but " + BEST + (bestHeld < 0 ? " is missing" : " holds epoch "
          + bestHeld) + ": the run cannot resume from it; " + restart());
    }
    try {
      byte[] bytes = Files.readAllBytes(last);
      byte[] bestBytes = Files.readAllBytes(best);
      return new Manifest(config, epochs, new FileRecord(LAST, lastEpoch, bytes.length,
          sha256(bytes)), new FileRecord(BEST, bestHeld, bestBytes.length, sha256(bestBytes)),
          -1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + last + ": " + AtomicFiles.reason(e), e);
    }
  }

  private void deletePending() {
    try {
      Files.deleteIfExists(dir.resolve(LAST + PENDING));
      Files.deleteIfExists(dir.resolve(BEST + PENDING));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir + ": " + AtomicFiles.reason(e), e);
    }
  }

  /** Temp files of writes a kill interrupted ({@code .NAME*.tmp}): never renamed, never used. */
  private void deleteStrayTemps() {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir + ": " + AtomicFiles.reason(e), e);
    }
  }

  // ---- the run's view ---------------------------------------------------------------------

  /** The point to resume {@code runConfig} from, if this folder holds an unfinished run of it. */
  public Optional<ResumePoint> resumePoint(RunConfig runConfig) {
    requireOpen();
    if (!runConfig.equals(config)) {
      throw new IllegalStateException(dir + " is open for another config");
    }
    if (manifest == null) {
      return Optional.empty();
    }
    Checkpoint checkpoint = Checkpoint.read(dir.resolve(LAST), restart());
    if (checkpoint.epoch() + 1 != manifest.last().epoch()) {
      throw new IllegalStateException(dir + ": " + LAST + " holds epoch " + (checkpoint.epoch()
          + 1) + " but " + EPOCHS + " records epoch " + manifest.last().epoch() + "; "
          + restart());
    }
    return Optional.of(new ResumePoint(checkpoint, new ArrayList<>(manifest.epochs())));
  }

  /**
   * Commits one finished epoch (0-based {@code epoch}): the resumable state, the model as the new
   * best where {@code best}, and the epochs so far, as one unit (see the class comment).
   */
  public void commitEpoch(TrainingSession session, int epoch, List<EpochResult> epochs,
      boolean best) {
    requireOpen();
    int number = epoch + 1;
    FileRecord bestRecord = manifest == null ? null : manifest.best();
    if (best) {
      bestRecord = writePending(BEST, new Checkpoint(config, session.modelState(), epoch),
          number);
    }
    if (bestRecord == null) {
      throw new IllegalStateException("the first committed epoch must be the best so far");
    }
    Map<String, FloatTensor> resumable = new HashMap<>(session.modelState());
    resumable.putAll(session.optimizerState());
    FileRecord lastRecord = writePending(LAST, new Checkpoint(config, resumable, epoch), number);
    FaultPoint.reach("checkpoint-written", number);
    Manifest next = new Manifest(config, List.copyOf(epochs), lastRecord, bestRecord,
        peakRssBytes());
    Json.writeAtomically(dir.resolve(EPOCHS), next);
    manifest = next;
    FaultPoint.reach("manifest-written", number);
    try {
      if (best) {
        AtomicFiles.move(dir.resolve(BEST + PENDING), dir.resolve(BEST));
      }
      FaultPoint.reach("best-renamed", number);
      AtomicFiles.move(dir.resolve(LAST + PENDING), dir.resolve(LAST));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rename the checkpoints of epoch " + number + " in "
          + dir + ": " + AtomicFiles.reason(e), e);
    }
  }

  private FileRecord writePending(String name, Checkpoint checkpoint, int number) {
    byte[] bytes = checkpoint.encode();
    AtomicFiles.write(dir.resolve(name + PENDING), bytes);
    return new FileRecord(name, number, bytes.length, sha256(bytes));
  }

  /**
   * What {@link #peakRssBytes} covers: {@link RunResult#PEAK_RSS_PER_RUN} when the peak was reset
   * as this process opened the run, else null (the process's peak since it started).
   */
  public String peakRssScope() {
    return peakReset ? RunResult.PEAK_RSS_PER_RUN : null;
  }

  /**
   * The peak RSS over every process that worked on this run, each from the moment it opened the
   * run where the kernel allows resetting the peak ({@link #peakRssScope}).
   */
  public long peakRssBytes() {
    long here = MemoryProbe.peakRssBytes();
    return manifest == null ? here : Math.max(here, manifest.peakRssBytes());
  }

  /** The best checkpoint, checked against the manifest. */
  public Checkpoint best() {
    Path file = dir.resolve(BEST);
    if (manifest != null && manifest.best() != null) {
      try {
        if (!matches(file, manifest.best())) {
          throw new IllegalStateException(dir + ": " + BEST + " does not match " + EPOCHS
              + " (best epoch " + manifest.best().epoch() + "); " + restart());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e), e);
      }
    }
    return Checkpoint.read(file, restart());
  }

  public void writeResult(RunResult result) {
    requireOpen();
    result.write(dir.resolve(RESULT));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
