package slash.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import slash.core.config.RunConfig;
import slash.core.io.Json;
import slash.core.train.RunResult;
import slash.core.train.TrainingDevice;
import slash.djl.DjlRuntime;
import slash.repro.ModelCache;
import slash.repro.exec.RunTrainer;
import slash.repro.tables.PlannedRun;

/**
 * One run as one Spark task, on an executor: the device Spark gave the task, the data where this
 * node has it, the trainer's own resume and failure rules; the result goes back to the driver as
 * JSON. A run that fails for a reason of its own (a bad row, a config the method refuses) comes
 * back as a failed result, so Spark does not retry it; a task that dies with its executor is
 * retried by Spark. An executor process trains one run at a time: DJL's autograd recorder is
 * process-wide ("only one can be collecting at a time"), so concurrent tasks in one executor
 * wait for each other; give executors one task slot each ({@code spark.executor.cores} equal to
 * {@code spark.task.cpus}) and scale with executors.
 */
final class RunTask implements Function<RunSpec, String> {
  private static final long serialVersionUID = 1L;

  /** One run at a time in an executor process (DJL's autograd recorder is process-wide). */
  private static final Object ONE_RUN_AT_A_TIME = new Object();

  private final RunTrainer trainer;

  RunTask(RunTrainer trainer) {
    this.trainer = trainer;
  }

  @Override
  public String call(RunSpec spec) {
    // this node's natives and model cache: the driver's folder may not exist here
    DjlRuntime.configure(ModelCache.dir());
    TaskContext task = TaskContext.get();
    TrainingDevice device = TaskDevice.of(task.resourcesJMap());
    RunConfig planned = RunConfig.fromJson(spec.config());
    RunConfig config = spec.shippedData() == null ? planned
        : planned.withDataDir(ShippedData.local(spec.shippedData()));
    RunResult result;
    synchronized (ONE_RUN_AT_A_TIME) { // also keeps each run's peak RSS its own
      result = trainer.train(new PlannedRun(spec.key(), config), device);
    }
    return Json.write(result.withConfig(planned));
  }
}
