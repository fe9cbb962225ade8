package slash.dl4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether ND4J's CUDA backend can run on this machine's GPU, asked once at start-up so that an
 * unsupported GPU stops the run with one sentence instead of a "no kernel image" stack trace in
 * the middle of it. nd4j-cuda-11.6 (1.0.0-M2.1, the newest ND4J release, and there is no CUDA 12
 * build) ships machine code for sm_37 to sm_86 and no PTX, so nothing can be compiled for a newer
 * architecture at load time. A cubin for sm_XY runs on compute capability X.Z with Z &gt;= Y, so
 * the build covers 3.7 and every 5.x, 6.x, 7.x and 8.x device (Ada's 8.9 included), and nothing
 * from Hopper (9.0) on.
 */
public final class SdCudaSupport {
  /** The class of ND4J's CUDA backend, present only with the {@code cuda} profile. */
  static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

  private static boolean checked;

  private SdCudaSupport() {}

  /**
   * Null when ND4J's CUDA kernels run on a device of compute capability {@code major.minor},
   * else the sentence that says why not and what to use instead.
   */
  public static String unsupported(String device, int major, int minor) {
    boolean covered = major >= 3 && major <= 8 && (major > 3 || minor >= 7);
    if (covered) {
      return null;
    }
    return String.format(Locale.ROOT, "ND4J's CUDA backend cannot run on %s (compute capability "
        + "%d.%d): nd4j-cuda-11.6 1.0.0-M2.1 ships kernels for compute capability 3.7 to 8.x "
        + "(sm_37..sm_86) and no PTX for newer GPUs, so use the DJL engine on this GPU "
        + "(--engine djl) or the DL4J engine on a CPU build (without -Pcuda).", device, major,
        minor);
  }

  /**
   * On a CUDA build, reads each GPU's capability (from nvidia-smi, before ND4J loads its
   * backend; else from ND4J's environment information) and throws an {@link
   * IllegalStateException} carrying {@link #unsupported}'s sentence for the first GPU that
   * ND4J cannot run on. Does nothing on a CPU build.
   */
  static synchronized void check() {
    if (checked || !cudaBuild()) {
      return;
    }
    checked = true;
    List<Gpu> gpus = fromNvidiaSmi();
    if (gpus.isEmpty()) {
      gpus = fromNd4j();
    }
    for (Gpu gpu : gpus) {
      String why = unsupported(gpu.name(), gpu.major(), gpu.minor());
      if (why != null) {
        throw new IllegalStateException(why);
      }
    }
  }

  record Gpu(String name, int major, int minor) {}

  /** Parses {@code nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader} lines. */
  static List<Gpu> parseNvidiaSmi(List<String> lines) {
    List<Gpu> gpus = new ArrayList<>();
    for (String line : lines) {
      int comma = line.lastIndexOf(',');
      if (comma < 0) {
        continue;
      }
      String[] capability = line.substring(comma + 1).trim().split("\\.");
      try {
        gpus.add(new Gpu(line.substring(0, comma).trim(), Integer.parseInt(capability[0]),
            capability.length > 1 ? Integer.parseInt(capability[1]) : 0));
      } catch (NumberFormatException e) {
        // "[N/A]" or an old driver without compute_cap: no answer from this line
      }
    }
    return gpus;
  }

  private static List<Gpu> fromNvidiaSmi() {
    try {
      Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap",
          "--format=csv,noheader").redirectErrorStream(true).start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      }
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroy();
        return List.of();
      }
      return parseNvidiaSmi(lines);
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** ND4J's own device query (loads the backend: device queries launch no kernels). */
  @SuppressWarnings("unchecked")
  private static List<Gpu> fromNd4j() {
    List<Gpu> gpus = new ArrayList<>();
    Object devices = org.nd4j.linalg.factory.Nd4j.getExecutioner().getEnvironmentInformation()
        .get("cuda.devicesInformation");
    if (devices instanceof List<?> list) {
      for (Object o : list) {
        Map<String, Object> d = (Map<String, Object>) o;
        gpus.add(new Gpu(String.valueOf(d.get("cuda.deviceName")),
            ((Number) d.get("cuda.deviceMajor")).intValue(),
            ((Number) d.get("cuda.deviceMinor")).intValue()));
      }
    }
    return gpus;
  }

  /** Whether this is the CUDA build (the {@code cuda} profile puts its backend on the path). */
  static boolean cudaBuild() {
    return onClassPath(CUDA_BACKEND);
  }

  private static boolean onClassPath(String name) {
    try {
      Class.forName(name, false, SdCudaSupport.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
