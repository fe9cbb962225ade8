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

  /** A table's cells through the local executor and through Spark, on the same smoke data. */
  private record BothWays(Path data, JsonNode local, JsonNode spark) {}

  /** Table {@code number}'s part {@code name}, training {@code tasks}' runs (null: all). */
  private BothWays bothWays(int number, String name, Set<Task> tasks, ExecutorSettings spark)
      throws Exception {
    Path data = SmokePlans.data(dir);
    JsonNode local = SmokePlans.cells(number, name, data, dir.resolve("local"),
        new LocalRunExecutor(), tasks);
    try (SparkRunExecutor executor = new SparkRunExecutor(spark)) {
      return new BothWays(data, local,
          SmokePlans.cells(number, name, data, dir.resolve("spark"), executor, tasks));
    }
  }

  @Test
  void smokeTable3ThroughSparkEqualsTheLocalExecutor() throws Exception {
    BothWays cells = bothWays(3, "table3", null,
        new ExecutorSettings("local[2]", Map.of(), false, false));
    assertEquals(64, SmokePlans.resultFiles(dir.resolve("spark")).size(),
        "every run of the plan has its result file");
    assertTrue(cells.local().size() == 64 && cells.local().toString().contains("\"ours\":6"),
        "the cells hold values");
    assertEquals(cells.local(), cells.spark(),
        "the same runs give the same cells through either executor");
  }

  /**
   * Private runs on Spark's task threads: libtorch's grad mode is per thread (on everywhere but
   * DJL's loading thread), and the DP-SGD update once failed there ("a leaf Variable ... in-place
   * operation") while it passed in the local executor's thread.
   */
  @Test
  void privateRunsOnTaskThreadsEqualTheLocalExecutor() throws Exception {
    BothWays cells = bothWays(6, "table6-roberta-base", Set.of(Task.SST2, Task.QNLI),
        new ExecutorSettings("local[2]", Map.of(), false, false));
    assertTrue(!cells.spark().toString().contains("failed"), cells.spark().toString());
    assertEquals(cells.local(), cells.spark());
  }

  @Test
  void shippedTaskFilesTrainTheSameAsTheSharedPath() throws Exception {
    BothWays cells = bothWays(3, "table3", Set.of(Task.SST2),
        new ExecutorSettings("local[1]", Map.of(), true, false));
    assertEquals(cells.local(), cells.spark());
    assertTrue(java.nio.file.Files.isDirectory(ShippedData.root().resolve(
        "data-" + ShippedData.fingerprint(cells.data()))), "the runs read the shipped copy");
    for (Path file : SmokePlans.resultFiles(dir.resolve("spark"))) {
      RunResult result = RunResult.read(file);
      // the result names the planned data folder, not the executor's copy of it
      assertTrue(result.config().dataDir().endsWith("data"), result.config().dataDir());
    }
  }
}
