package slash.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.data.Task;
import slash.core.train.RunResult;
import slash.repro.exec.ExecutorSettings;
import slash.repro.exec.LocalRunExecutor;

/**
 * The Spark executor in local mode against the local executor: the smoke Table 3 (64 runs, one
 * Spark task each, same seeds) gives the same cells, number for number; with the task files
 * shipped through {@code addFile} instead of read from the data path, too.
 */
class SparkLocalModeTest {
  @TempDir Path dir;

  @Test
  void smokeTable3ThroughSparkEqualsTheLocalExecutor() throws Exception {
    Path data = SmokePlans.data(dir);
    JsonNode local = SmokePlans.table3Cells(data, dir.resolve("local"), new LocalRunExecutor(),
        null);
    JsonNode spark;
    try (SparkRunExecutor executor = new SparkRunExecutor(
        new ExecutorSettings("local[2]", Map.of(), false, false))) {
      spark = SmokePlans.table3Cells(data, dir.resolve("spark"), executor, null);
    }
    assertEquals(64, SmokePlans.resultFiles(dir.resolve("spark")).size(),
        "every run of the plan has its result file");
    assertTrue(local.size() == 64 && local.toString().contains("\"ours\":6"),
        "the cells hold values");
    assertEquals(local, spark, "the same runs give the same cells through either executor");
  }

  /**
   * Private runs on Spark's task threads: libtorch's grad mode is per thread (on everywhere but
   * DJL's loading thread), and the DP-SGD update once failed there ("a leaf Variable ... in-place
   * operation") while it passed in the local executor's thread.
   */
  @Test
  void privateRunsOnTaskThreadsEqualTheLocalExecutor() throws Exception {
    Path data = SmokePlans.data(dir);
    Set<Task> tasks = Set.of(Task.SST2, Task.QNLI);
    JsonNode local = SmokePlans.cells(6, "table6-roberta-base", data, dir.resolve("local"),
        new LocalRunExecutor(), tasks);
    JsonNode spark;
    try (SparkRunExecutor executor = new SparkRunExecutor(
        new ExecutorSettings("local[2]", Map.of(), false, false))) {
      spark = SmokePlans.cells(6, "table6-roberta-base", data, dir.resolve("spark"), executor,
          tasks);
    }
    assertTrue(!spark.toString().contains("failed"), spark.toString());
    assertEquals(local, spark);
  }

  @Test
  void shippedTaskFilesTrainTheSameAsTheSharedPath() throws Exception {
    Path data = SmokePlans.data(dir);
    Set<Task> sst2 = Set.of(Task.SST2);
    JsonNode local = SmokePlans.table3Cells(data, dir.resolve("local"), new LocalRunExecutor(),
        sst2);
    JsonNode shipped;
    try (SparkRunExecutor executor = new SparkRunExecutor(
        new ExecutorSettings("local[1]", Map.of(), true, false))) {
      shipped = SmokePlans.table3Cells(data, dir.resolve("spark"), executor, sst2);
    }
    assertEquals(local, shipped);
    assertTrue(java.nio.file.Files.isDirectory(ShippedData.root().resolve(
        "data-" + ShippedData.fingerprint(data))), "the runs read the shipped copy");
    for (Path file : SmokePlans.resultFiles(dir.resolve("spark"))) {
      RunResult result = RunResult.read(file);
      // the result names the planned data folder, not the executor's copy of it
      assertTrue(result.config().dataDir().endsWith("data"), result.config().dataDir());
    }
  }
}
