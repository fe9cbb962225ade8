package slash.spark;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import slash.core.io.Json;
import slash.core.train.RunResult;
import slash.repro.exec.ExecutorSettings;
import slash.repro.exec.RunExecutor;
import slash.repro.exec.RunTrainer;
import slash.repro.tables.PlannedRun;

/**
 * The plan on Apache Spark: each pending run one Spark job of one task (the Hyperopt {@code
 * SparkTrials} pattern: one trial, one task), all submitted at once so that Spark fills every
 * task slot, each result handed back as its job ends. Spark schedules the tasks (GPUs per task
 * included), retries a task lost with its executor ({@code spark.task.maxFailures}), and ships
 * the task files where asked; the driver keeps the resume rule, writes the result files and
 * renders the tables, as with the local executor.
 */
public final class SparkRunExecutor implements RunExecutor {
  /** How often the driver looks for finished jobs. */
  private static final long POLL_MILLIS = 100;

  private final ExecutorSettings settings;
  /** Started on the first run to train: a render-only or resumed plan starts no Spark. */
  private JavaSparkContext context;

  public SparkRunExecutor(ExecutorSettings settings) {
    this.settings = settings;
  }

  @Override
  public String describe() {
    return "spark " + (context != null ? context.master()
        : settings.master() != null ? settings.master() : "(spark-submit's master)");
  }

  @Override
  public void execute(List<PlannedRun> runs, RunTrainer trainer,
      BiConsumer<PlannedRun, RunResult> finished) {
    if (runs.isEmpty()) {
      return;
    }
    JavaSparkContext sc = context();
    Map<Path, ShippedData.Folder> shipped = new LinkedHashMap<>();
    if (settings.shipData()) { // each data folder of the runs once
      runs.forEach(run -> shipped.computeIfAbsent(run.config().dataPath(),
          dir -> ShippedData.Folder.ship(sc, dir)));
    }
    RunTask task = new RunTask(trainer);
    Map<PlannedRun, JavaFutureAction<List<String>>> pending = new LinkedHashMap<>();
    for (PlannedRun run : runs) {
      RunSpec spec = new RunSpec(run.key(), run.config().toJson(),
          shipped.get(run.config().dataPath()));
      sc.setJobDescription(run.key()); // the Spark UI names each job by its run
      pending.put(run, sc.parallelize(List.of(spec), 1).map(task).collectAsync());
    }
    while (!pending.isEmpty()) {
      boolean any = false;
      for (Iterator<Map.Entry<PlannedRun, JavaFutureAction<List<String>>>> it =
          pending.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<PlannedRun, JavaFutureAction<List<String>>> entry = it.next();
        if (entry.getValue().isDone()) {
          finished.accept(entry.getKey(), result(entry.getKey(), entry.getValue()));
          it.remove();
          any = true;
        }
      }
      if (!any) {
        sleep();
      }
    }
  }

  /** The job's result; a job Spark gave up on is the run's failed result, with Spark's reason. */
  private static RunResult result(PlannedRun run, JavaFutureAction<List<String>> job) {
    try {
      return Json.read(job.get().get(0), RunResult.class);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return RunResult.failed(run.config(), new IllegalStateException("Spark gave up on the "
          + "run (spark.task.maxFailures attempts): " + firstLine(cause.getMessage()), cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + run.key(), e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private JavaSparkContext context() {
    if (context == null) {
      SparkConf conf = new SparkConf() // spark-submit's settings arrive as spark.* properties
          .setAppName("slash-repro")
          .setIfMissing("spark.master", "local[*]");
      if (settings.master() != null) {
        conf.setMaster(settings.master());
      }
      settings.conf().forEach(conf::set);
      context = new JavaSparkContext(conf);
      SparkLogging.configure(context, settings.verbose());
      String ui = context.sc().uiWebUrl().isDefined() ? context.sc().uiWebUrl().get() : "off";
      System.out.println("Spark " + context.version() + " on " + context.master()
          + ", application " + context.sc().applicationId() + ", UI " + ui);
      if (context.isLocal() && context.defaultParallelism() > 1) {
        System.out.println("note: an executor process trains one run at a time (DJL's autograd "
            + "recorder is process-wide), so local[N]'s slots take turns; on a cluster, give "
            + "each executor one task slot and scale with executors");
      }
    }
    return context;
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the runs train", e);
    }
  }

  @Override
  public void close() {
    if (context != null) {
      context.stop();
      context = null;
    }
  }
}
