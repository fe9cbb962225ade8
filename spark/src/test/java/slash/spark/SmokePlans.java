package slash.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import slash.core.config.EngineName;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.io.Json;
import slash.core.smoke.SmokeData;
import slash.methods.Sessions;
import slash.repro.exec.RunExecutor;
import slash.repro.tables.PaperTableSpecs;
import slash.repro.tables.ReproRunner;
import slash.repro.tables.Reproduction;
import slash.repro.tables.ScalePlan;

/** The smoke tables on generated data, through any executor, for the Spark tests. */
final class SmokePlans {
  static final Path CACHE = Path.of("target", "test-cache").toAbsolutePath();

  private SmokePlans() {}

  /** The generated smoke task files, as {@code ./slash repro --scale smoke} writes them. */
  static Path data(Path dir) {
    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 400, 100);
    return data;
  }

  /**
   * Table {@code number} at smoke scale through {@code executor} into {@code dir/results} (run
   * folders in {@code dir/work}), training only {@code tasks}' runs (null: all); the cells of its
   * part {@code name} ("table3", "table6-roberta-base") as JSON.
   */
  static JsonNode cells(int number, String name, Path data, Path dir, RunExecutor executor,
      Set<Task> tasks) throws Exception {
    ScalePlan plan = new ScalePlan(Scale.SMOKE, EngineName.DJL, data, null, 1, false);
    ReproRunner runner = new ReproRunner(plan, dir.resolve("results"), dir.resolve("work"),
        CACHE, Sessions::factory);
    if (tasks != null) {
      runner = runner.onlyTasks(tasks);
    }
    new Reproduction(runner.on(executor), false).run(PaperTableSpecs.table(number));
    return Json.mapper().readTree(dir.resolve("results").resolve(name + ".json").toFile())
        .get("cells");
  }

  /** Smoke SLaSh runs of {@code task} with seeds 0, 1, 2, ...: distinct runs, one each. */
  static List<slash.repro.tables.PlannedRun> plannedRuns(Path data, Task task, int count) {
    List<slash.repro.tables.PlannedRun> runs = new java.util.ArrayList<>();
    for (int seed = 0; seed < count; seed++) {
      runs.add(slash.repro.tables.PlannedRun.of(slash.core.config.RunConfig.defaults(task,
          Scale.SMOKE, slash.methods.slash.SlashConfig.of(16)).toBuilder()
          .dataDir(data.toString()).seed(seed).build()));
    }
    return runs;
  }

  static List<Path> resultFiles(Path dir) throws java.io.IOException {
    try (var files = java.nio.file.Files.list(dir.resolve("results").resolve("runs"))) {
      return files.sorted().toList();
    }
  }
}
