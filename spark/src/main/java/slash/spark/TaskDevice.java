package slash.spark;

import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import slash.core.train.TrainingDevice;

/**
 * The device a Spark task trains on, from the resources Spark gave it: the first of its "gpu"
 * addresses ({@code spark.task.resource.gpu.amount=1}), else the CPU: a task Spark gave no GPU
 * does not take one behind the scheduler's back.
 */
final class TaskDevice {
  static final String GPU = "gpu";

  private TaskDevice() {}

  static TrainingDevice of(Map<String, ResourceInformation> resources) {
    ResourceInformation gpus = resources.get(GPU);
    if (gpus == null || gpus.addresses().length == 0) {
      return TrainingDevice.CPU;
    }
    return TrainingDevice.ofGpuAddress(gpus.addresses()[0]);
  }
}
