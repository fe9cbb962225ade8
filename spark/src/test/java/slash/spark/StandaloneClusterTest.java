package slash.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.data.Task;
import slash.core.train.RunResult;
import slash.methods.Sessions;
import slash.repro.exec.ExecutorSettings;
import slash.repro.exec.RunTrainer;
import slash.repro.tables.PlannedRun;

/**
 * The Spark executor on a real standalone cluster (Spark's Master and Workers as their own
 * processes on 127.0.0.1): a plan survives a worker killed while it trains a run, the lost run
 * is trained again elsewhere, and every run has one result; and GPU addresses from a discovery
 * script reach each task's device choice.
 */
class StandaloneClusterTest {
  @TempDir Path dir;

  private final Path clusterHome = Path.of("target", "spark-cluster").toAbsolutePath();

  @Test
  void aPlanSurvivesAWorkerKilledMidRun() throws Exception {
    assertTimeoutPreemptively(Duration.ofMinutes(6), () -> {
      Path data = SmokePlans.data(dir);
      try (LocalStandaloneCluster cluster = new LocalStandaloneCluster(
          clusterHome.resolve("kill"))) {
        Process doomed = cluster.addWorker("worker-a", 1, List.of());
        cluster.addWorker("worker-b", 1, List.of());
        Map<String, String> conf = new HashMap<>(cluster.applicationConf());
        conf.put("spark.executor.cores", "1");
        try (KillingExecutor executor = new KillingExecutor(new SparkRunExecutor(
            new ExecutorSettings(cluster.url(), conf, false, false)), doomed,
            dir.resolve("work"))) {
          SmokePlans.cells(3, "table3", data, dir, executor, Set.of(Task.SST2, Task.RTE));
          assertTrue(executor.killedWhileTraining, "a worker was killed while it trained a run");
          assertEquals(16, executor.results.size());
          assertEquals(16, new TreeSet<>(executor.results).size(),
              "each run handed back once: " + executor.results);
        }
        List<Path> files = SmokePlans.resultFiles(dir);
        assertEquals(16, files.size());
        for (Path file : files) {
          assertNull(RunResult.read(file).error(), file + " trained");
        }
      }
    });
  }

  @Test
  void gpuAddressesFromTheDiscoveryScriptReachEachTask() throws Exception {
    assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
      Path script = dir.resolve("fake-gpus.sh");
      Files.writeString(script, "#!/usr/bin/env bash\n"
          + "echo '{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}'\n");
      script.toFile().setExecutable(true);
      Path data = SmokePlans.data(dir);
      try (LocalStandaloneCluster cluster = new LocalStandaloneCluster(
          clusterHome.resolve("gpu"))) {
        cluster.addWorker("worker-gpu", 2, List.of("-Dspark.worker.resource.gpu.amount=2",
            "-Dspark.worker.resource.gpu.discoveryScript=" + script));
        Map<String, String> conf = new HashMap<>(cluster.applicationConf());
        conf.put("spark.executor.cores", "2");
        conf.put("spark.executor.resource.gpu.amount", "2");
        conf.put("spark.task.resource.gpu.amount", "1");
        List<String> errors = new ArrayList<>();
        try (SparkRunExecutor executor = new SparkRunExecutor(
            new ExecutorSettings(cluster.url(), conf, false, false))) {
          List<PlannedRun> runs = SmokePlans.plannedRuns(data, Task.SST2, 4);
          RunTrainer trainer = new RunTrainer(dir.resolve("work").toString(),
              SmokePlans.CACHE.toString(), "test", true, Sessions::factory);
          executor.execute(runs, trainer, (run, result) -> errors.add(result.error()));
        }
        assertEquals(4, errors.size());
        Set<String> gpus = new TreeSet<>();
        for (String error : errors) {
          // PyTorch here is its CPU build: the device choice refuses the GPU it was given, and
          // the run comes back as a failed result at once (a retry cannot fix it)
          assertTrue(error != null && error.contains("this run was given GPU "), error);
          assertFalse(error.contains("Spark gave up"), error);
          gpus.add(error.replaceAll(".*given GPU (\\d+).*", "$1"));
        }
        assertTrue(Set.of("0", "1").containsAll(gpus) && !gpus.isEmpty(), gpus.toString());
      }
    });
  }

  /**
   * Kills a worker once its executor has taken a run's folder (the run's lock names a process of
   * that worker): the run must be taken over elsewhere, its stale lock and all.
   */
  private static final class KillingExecutor implements slash.repro.exec.RunExecutor {
    private final SparkRunExecutor spark;
    private final Process doomed;
    private final Path work;
    final List<String> results = new ArrayList<>();
    volatile boolean killedWhileTraining;

    KillingExecutor(SparkRunExecutor spark, Process doomed, Path work) {
      this.spark = spark;
      this.doomed = doomed;
      this.work = work;
    }

    /** Whether a run folder's lock names a process of the doomed worker (its executor). */
    private boolean doomedTrains() throws java.io.IOException {
      if (!Files.isDirectory(work)) {
        return false;
      }
      Set<Long> pids = new java.util.HashSet<>();
      doomed.descendants().forEach(p -> pids.add(p.pid()));
      try (var folders = Files.list(work)) {
        for (Path folder : (Iterable<Path>) folders::iterator) {
          Path lock = folder.resolve("run.lock");
          String holder = Files.isRegularFile(lock) ? Files.readString(lock) : "";
          if (holder.startsWith("pid ")
              && pids.contains(Long.parseLong(holder.split(" ")[1].trim()))) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    public String describe() {
      return spark.describe();
    }

    @Override
    public void execute(List<PlannedRun> runs, RunTrainer trainer,
        java.util.function.BiConsumer<PlannedRun, RunResult> finished) {
      Thread killer = new Thread(() -> {
        try {
          while (!killedWhileTraining) {
            if (doomedTrains()) {
              LocalStandaloneCluster.kill(doomed);
              killedWhileTraining = true;
            }
            Thread.sleep(20);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      killer.setDaemon(true);
      killer.start();
      spark.execute(runs, trainer, (run, result) -> {
        results.add(run.key());
        finished.accept(run, result);
      });
      killer.interrupt();
    }

    @Override
    public void close() {
      spark.close();
    }
  }
}
