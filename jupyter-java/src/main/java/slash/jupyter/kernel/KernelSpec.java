package slash.jupyter.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the kernelspec ({@code kernel.json}) of the "Java (slash-repro)" kernel: the java command
 * of the JVM running this (an absolute path, so Jupyter needs no {@code java} on its PATH), the JVM
 * options the project needs, the kernel's class path, and {@code {connection_file}}. {@code
 * jupyter-java/install.sh} runs it and then registers the folder with {@code jupyter kernelspec
 * install}; the tests write one into {@code target/} and point {@code JUPYTER_PATH} at it.
 *
 * <pre>
 * java -cp ... slash.jupyter.kernel.KernelSpec --dir DIR --classpath CP [--java PATH] [--jvm-option OPT]...
 * </pre>
 */
public final class KernelSpec {
  /** The kernel's name: the kernelspec folder, and {@code metadata.kernelspec.name} of the notebooks. */
  public static final String NAME = "slash-repro-java";
  public static final String DISPLAY_NAME = "Java (slash-repro)";

  /**
   * The launcher's options (see {@code ./slash}): ND4J's native memory cap (ND4J frees on GC, so its
   * RSS climbs to the cap), DJL never on the network, and the stack size the tests run with.
   */
  public static final List<String> JVM_OPTIONS = List.of(
      "-Xss4m", "-Dorg.bytedeco.javacpp.maxphysicalbytes=8G", "-Dai.djl.offline=true");

  /** Environment of the kernel process: OpenMP threads sleep when idle (1.5x faster on 2 cores). */
  public static final Map<String, String> ENV = Map.of("OMP_WAIT_POLICY", "PASSIVE");

  private KernelSpec() {
  }

  public static void main(String[] args) throws IOException {
    Path dir = null;
    String classpath = null;
    String java = javaCommand();
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--dir" -> dir = Path.of(require(value, "--dir"));
        case "--classpath" -> classpath = require(value, "--classpath");
        case "--java" -> java = require(value, "--java");
        case "--jvm-option" -> extra.add(require(value, "--jvm-option"));
        default -> {
          System.err.println("unknown option " + args[i]
              + "; usage: KernelSpec --dir DIR --classpath CP [--java PATH] [--jvm-option OPT]...");
          System.exit(2);
        }
      }
      i++;
    }
    if (dir == null || classpath == null) {
      System.err.println("usage: KernelSpec --dir DIR --classpath CP [--java PATH] [--jvm-option OPT]...");
      System.exit(2);
    }
    Path file = write(dir, java, classpath, extra);
    System.out.println(file);
  }

  /** Writes {@code dir/kernel.json}; returns its path. */
  public static Path write(Path dir, String java, String classpath, List<String> extraJvmOptions)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("kernel.json");
    Files.writeString(file, json(java, classpath, extraJvmOptions), StandardCharsets.UTF_8);
    return file;
  }

  /** The kernel.json text. */
  public static String json(String java, String classpath, List<String> extraJvmOptions) {
    List<String> argv = new ArrayList<>();
    argv.add(java);
    argv.addAll(JVM_OPTIONS);
    argv.addAll(extraJvmOptions);
    argv.add("-cp");
    argv.add(classpath);
    argv.add(SlashKernel.class.getName());
    argv.add("{connection_file}");
    Map<String, String> env = new LinkedHashMap<>(new java.util.TreeMap<>(ENV));
    StringBuilder sb = new StringBuilder("{\n  \"argv\": [\n");
    for (int i = 0; i < argv.size(); i++) {
      sb.append("    ").append(quote(argv.get(i))).append(i + 1 < argv.size() ? ",\n" : "\n");
    }
    sb.append("  ],\n");
    sb.append("  \"display_name\": ").append(quote(DISPLAY_NAME)).append(",\n");
    sb.append("  \"language\": \"java\",\n");
    sb.append("  \"interrupt_mode\": \"message\",\n");
    sb.append("  \"env\": {");
    int n = 0;
    for (Map.Entry<String, String> e : env.entrySet()) {
      sb.append(n++ == 0 ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ")
          .append(quote(e.getValue()));
    }
    sb.append("\n  },\n");
    sb.append("  \"metadata\": {\"debugger\": false}\n}\n");
    return sb.toString();
  }

  /** The java command of this JVM. */
  public static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code classes} then every entry of the class path file (one line, as build-classpath writes it). */
  public static String classpath(Path classes, Path classpathFile) throws IOException {
    String rest = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
    return rest.isEmpty() ? classes.toString() : classes + File.pathSeparator + rest;
  }

  private static String require(String value, String option) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
