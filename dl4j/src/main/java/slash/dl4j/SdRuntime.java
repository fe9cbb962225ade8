package slash.dl4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import slash.core.train.TrainingDevice;

/** ND4J set-up and backend facts for provenance. */
public final class SdRuntime {
  private SdRuntime() {}

  /**
   * Keeps ND4J quiet (SameDiff logs one INFO line per differentiated op on the first backward
   * pass) unless the user set a level. Native memory settings that must precede loading the
   * backend ({@code org.bytedeco.javacpp.maxphysicalbytes}, {@code OMP_WAIT_POLICY}) are set by
   * the launcher and the test configuration. On a CUDA build, stops with one sentence when the
   * GPU is one that ND4J's kernels do not cover ({@link SdCudaSupport}). Binds SameDiff's
   * sessions to {@link SdArrayPool} ({@code -Dslash.dl4j.samediffCache=true} keeps M2.1's own
   * ArrayCacheMemoryMgr, for comparison).
   */
  public static void configure() {
    SdCudaSupport.check(); // before anything loads a backend that cannot run here
    quiet("org.nd4j");
    quiet("org.deeplearning4j");
    if (!Boolean.getBoolean("slash.dl4j.samediffCache")) {
      SdArrayPool.install();
    }
  }

  /** Binds this thread to {@code device}, or says in one sentence why this build cannot. */
  static void bind(TrainingDevice device) {
    boolean cuda = SdCudaSupport.cudaBuild();
    switch (device.kind()) {
      case ENGINE_DEFAULT -> { }
      case CPU -> {
        if (cuda) {
          throw new IllegalStateException("this run was given no GPU, but ND4J here is its CUDA "
              + "build, which cannot train on the CPU: give each task a GPU, or use a CPU build");
        }
      }
      case GPU -> {
        if (!cuda) {
          throw new IllegalStateException("this run was given GPU " + device.gpu() + ", but ND4J "
              + "here is its CPU build (build with -Pcuda on a machine with CUDA)");
        }
        Nd4j.getAffinityManager().unsafeSetDevice(device.gpu());
      }
    }
  }

  private static void quiet(String logger) {
    String key = "org.slf4j.simpleLogger.log." + logger;
    if (System.getProperty(key) == null) {
      System.setProperty(key, "warn");
    }
  }

  public static String version() {
    Package p = Nd4j.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return "ND4J " + (v == null ? "1.0.0-M2.1" : v);
  }

  /** The backend, its native build's helper library (oneDNN or none) and its thread count. */
  public static String describe() {
    return Nd4j.getBackend().getClass().getSimpleName()
        + helpers(NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo())
        + " on " + Nd4j.getEnvironment().maxMasterThreads() + " threads";
  }

  /** " with oneDNN" (or cuDNN) where the native build info names it, else "". */
  static String helpers(String buildInfo) {
    if (buildInfo == null) {
      return "";
    }
    if (buildInfo.contains("HAVE_ONEDNN")) {
      return " with oneDNN";
    }
    return buildInfo.contains("HAVE_CUDNN") ? " with cuDNN" : "";
  }
}
