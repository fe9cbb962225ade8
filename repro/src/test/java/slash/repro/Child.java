package slash.repro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./slash} in a child JVM (this test's class path), its output in files under target/: for
 * tests that kill a run with SIGKILL ({@link Process#destroyForcibly}) or race two runs.
 */
final class Child implements AutoCloseable {
  /** Properties the child inherits from this JVM (the DJL cache, offline, native memory). */
  private static final List<String> INHERITED = List.of("ai.djl.offline", "DJL_CACHE_DIR",
      "ENGINE_CACHE_DIR", "org.bytedeco.javacpp.maxphysicalbytes", "slash.cache");

  final Process process;
  private final Path out;
  private final Path err;

  private Child(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** {@code slash ARGS} with {@code -Dkey=value} for each of {@code properties}. */
  static Child start(Path logs, String name, Map<String, String> properties, String... args)
      throws IOException {
    Files.createDirectories(logs);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xss4m");
    for (String key : INHERITED) {
      if (System.getProperty(key) != null) {
        command.add("-D" + key + "=" + System.getProperty(key));
      }
    }
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Cli.class.getName());
    command.addAll(List.of(args));
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    return new Child(process, out, err);
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Whether the child printed {@code marker} (true) or exited first (false). */
  boolean awaitMarker(String marker, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (out().contains(marker)) {
        return true;
      }
      if (!process.isAlive()) {
        return out().contains(marker);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + marker + "' in " + timeout + "; out:\n" + out()
        + "\nerr:\n" + err());
  }

  /** SIGKILL, as a crash or an OOM killer would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after " + timeout + "; out:\n" + out()
          + "\nerr:\n" + err());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
