package slash.core.train;

import java.util.Locale;

/**
 * Where a run trains when something outside it decides: a cluster scheduler that gave the task
 * GPU 1, or gave it no GPU (then the CPU, as Spark's resource model means it). {@link
 * #ENGINE_DEFAULT} leaves the choice to the engine (its first GPU where it has one), as a run on
 * one machine always did. Not part of a run's config: where a run trained does not change which
 * run it is.
 */
public record TrainingDevice(Kind kind, int gpu) {
  public enum Kind { ENGINE_DEFAULT, CPU, GPU }

  public static final TrainingDevice ENGINE_DEFAULT = new TrainingDevice(Kind.ENGINE_DEFAULT, -1);
  public static final TrainingDevice CPU = new TrainingDevice(Kind.CPU, -1);

  public TrainingDevice {
    if ((kind == Kind.GPU) != (gpu >= 0)) {
      throw new IllegalArgumentException("a GPU device needs an index >= 0, other devices none");
    }
  }

  public static TrainingDevice gpu(int index) {
    return new TrainingDevice(Kind.GPU, index);
  }

  /** A scheduler's GPU address ("0", "1": Spark hands them out as strings) as a device. */
  public static TrainingDevice ofGpuAddress(String address) {
    try {
      return gpu(Integer.parseInt(address.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("GPU address '" + address + "' is not a device index "
          + "(the discovery script must print indices, as nvidia-smi's)", e);
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ENGINE_DEFAULT -> "the engine's default device";
      case CPU -> "cpu";
      case GPU -> String.format(Locale.ROOT, "gpu %d", gpu);
    };
  }
}
