package slash.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1 for a test: Spark's own {@code Master} and {@code
 * Worker} main classes, each its own JVM on the test's class path, logs under {@code target/}.
 * Every wait is bounded; {@link #close} (and a shutdown hook, should the test JVM die) ends
 * every process with its children, the executors.
 */
final class LocalStandaloneCluster implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(90);

  private final Path home;
  private final int port;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();
  private final Thread reaper = new Thread(this::destroyAll);

  /** A master and no workers yet; {@code home} holds the logs and a minimal Spark home. */
  LocalStandaloneCluster(Path home) throws IOException {
    this.home = home;
    Files.createDirectories(home.resolve("spark-home").resolve("jars"));
    // a Spark home as the worker's executor launcher expects one: the classes come from
    // spark.executor.extraClassPath (this test's class path)
    Files.writeString(home.resolve("spark-home").resolve("RELEASE"), "test\n");
    Runtime.getRuntime().addShutdownHook(reaper);
    port = freePort();
    master = start("master", List.of(), "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0");
    awaitPort(port);
  }

  String url() {
    return "spark://127.0.0.1:" + port;
  }

  /**
   * The settings an application on this cluster needs, as spark-submit makes them from the
   * README's command: every class of ours reaches the executors as {@code spark.jars} (our
   * modules from the build's spark-jars.txt, plus this module's classes and the tests' as one
   * jar), fetched from the driver into the executor's own class loader; the libraries sit on the
   * executors' class path (a cluster's copy of them, here the build's); the model and native
   * cache in target/.
   */
  java.util.Map<String, String> applicationConf() throws IOException {
    List<String> jars = new ArrayList<>();
    Path target = Path.of("target").toAbsolutePath();
    for (String entry : Files.readString(target.resolve("spark-jars.txt")).trim().split(",")) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path)) { // a reactor build without packaging: a module's classes
        jars.add(jar(path, home.resolve("jars").resolve(
            path.getParent().getParent().getFileName() + ".jar")).toString());
      } else if (ours(path)) {
        jars.add(entry);
      }
    }
    Path app = home.resolve("jars").resolve("slash-spark-and-tests.jar");
    jar(List.of(target.resolve("classes"), target.resolve("test-classes")), app);
    jars.add(app.toString());
    return java.util.Map.of(
        "spark.jars", String.join(",", jars),
        "spark.executor.extraClassPath", installation(),
        "spark.executor.extraJavaOptions", "-Dai.djl.offline=true -Dslash.cache="
            + SmokePlans.CACHE + " -Dorg.bytedeco.javacpp.maxphysicalbytes=4G",
        "spark.executor.memory", "1g",
        "spark.ui.enabled", "false");
  }

  /** Spark's jars (the build's provided scope) and the libraries: everything but our code. */
  private static String installation() throws IOException {
    List<String> entries = new ArrayList<>(List.of(Files.readString(
        Path.of("target", "spark-installation.txt")).trim().split(":")));
    for (String entry : Files.readString(Path.of("target", "spark-jars.txt")).trim()
        .split(",")) {
      Path path = Path.of(entry);
      if (!Files.isDirectory(path) && !ours(path)) {
        entries.add(entry);
      }
    }
    return String.join(":", entries);
  }

  private static boolean ours(Path jar) {
    return jar.getFileName().toString().startsWith("slash-");
  }

  private static Path jar(Path dir, Path out) throws IOException {
    return jar(List.of(dir), out);
  }

  /** The files under {@code dirs} as one jar. */
  private static Path jar(List<Path> dirs, Path out) throws IOException {
    Files.createDirectories(out.getParent());
    try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(
        Files.newOutputStream(out))) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Path dir : dirs) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
          for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            if (seen.add(name)) {
              jar.putNextEntry(new java.util.jar.JarEntry(name));
              Files.copy(file, jar);
              jar.closeEntry();
            }
          }
        }
      }
    }
    return out;
  }

  /** Starts a worker with {@code cores} cores and extra {@code -D} settings; waits until up. */
  Process addWorker(String name, int cores, List<String> settings) throws IOException {
    int workerPort = freePort();
    Process worker = start(name, settings, "org.apache.spark.deploy.worker.Worker",
        "--host", "127.0.0.1", "--port", String.valueOf(workerPort), "--webui-port", "0",
        "--cores", String.valueOf(cores), "--memory", "2g",
        "--work-dir", home.resolve(name + "-work").toString(), url());
    workers.add(worker);
    awaitPort(workerPort);
    awaitLog(name, "Successfully registered with master");
    return worker;
  }

  /** Kills a worker and its executors at once (SIGKILL), as a lost node. */
  static void kill(Process worker) {
    worker.descendants().forEach(ProcessHandle::destroyForcibly);
    worker.destroyForcibly();
  }

  private Process start(String name, List<String> settings, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(System.getProperty("slash.spark.jvmOptions", "").split(" ")));
    command.add("-Xmx512m");
    command.addAll(settings);
    command.add("-cp");
    command.add(installation());
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command.stream().filter(s -> !s.isEmpty())
        .toList()).redirectErrorStream(true).redirectOutput(log(name).toFile());
    builder.environment().put("SPARK_HOME", home.resolve("spark-home").toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    return builder.start();
  }

  Path log(String name) {
    return home.resolve(name + ".log");
  }

  private void awaitLog(String name, String line) {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (Files.readString(log(name)).contains(line)) {
          return;
        }
        Thread.sleep(200);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(name + " did not log \"" + line + "\" within " + START
        + "; see " + log(name));
  }

  private static void awaitPort(int port) {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException("nothing listens on port " + port + " after " + START);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void destroyAll() {
    List<Process> all = new ArrayList<>(workers);
    all.add(master);
    for (Process p : all) {
      kill(p);
    }
    for (Process p : all) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    destroyAll();
    Runtime.getRuntime().removeShutdownHook(reaper);
  }
}
