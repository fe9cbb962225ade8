package slash.repro.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import slash.repro.bench.JmhJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.config.EngineName;
import slash.core.config.Scale;
import slash.core.smoke.SmokeData;
import slash.methods.Sessions;
import slash.repro.paper.PaperTables;

/**
 * Table 5 at mini scale takes its time and memory from JMH's EpochTime results (results/jmh), not
 * from training runs: the cells are the JSON's numbers for the table's engine and method, a row
 * without a result says which, no run is planned for them, and the footnote gives the ratios over
 * full finetuning beside the paper's.
 */
class Table5BenchmarksTest {
  @TempDir Path dir;
  private Path data;
  private Path results;

  @BeforeEach
  void data() {
    data = dir.resolve("data");
    SmokeData.write(data, 11, 40, 10); // QNLI train and dev exist: runs would be possible
    results = dir.resolve("results").resolve("mini");
  }

  /** One EpochTime entry as JMH's JSON writes it (SingleShotTime in s/op, the profiler's peak). */
  private void writeJmh(String... entries) throws Exception {
    Path jmh = dir.resolve("results").resolve("jmh");
    Files.createDirectories(jmh);
    Files.writeString(jmh.resolve("jmh.json"), JmhJson.file(entries));
  }

  private ScalePlan plan(Scale scale) {
    return new ScalePlan(scale, EngineName.DJL, data, null, 1, false);
  }

  private List<Cell> cells(TableSpec table) {
    ScalePlan plan = plan(Scale.MINI);
    ReproRunner runner = new ReproRunner(plan, results, dir.resolve("work"),
        Path.of("target", "test-cache"), Sessions::factory);
    return new TableCells(plan, runner, PaperModel.ROBERTA_BASE.config(), Map.of(),
        PaperTables.load(), EpochBenchmarks.besideResults(results)).cells(table);
  }

  private static Cell cell(List<Cell> cells, String row, String column) {
    return cells.stream().filter(c -> c.row().equals(row) && c.column().equals(column))
        .findFirst().orElseThrow();
  }

  @Test
  void cellsAreTheEpochTimeResultsOfTheTablesEngineAndMethod() throws Exception {
    writeJmh(JmhJson.epochTime("djl", "full", 12.0, 0.5, 1.5),
        JmhJson.epochTime("djl", "slash", 6.0, 0.25, 1.125),
        JmhJson.epochTime("dl4j", "full", 30.0, 1.0, 3.0),
        JmhJson.epochTime("djl", "slash:10000", 7.0, 0.5, 1.25));
    TableSpec table = PaperTableSpecs.table5(PaperModel.ROBERTA_BASE, 5000);
    List<Cell> cells = cells(table);

    Cell fullTime = cell(cells, "Finetuning", "Time (s)");
    assertEquals(12.0, fullTime.ours(), 1e-9);
    assertEquals(0.5, fullTime.oursStd(), 1e-9);
    assertEquals(1227.0, fullTime.paper(), 1e-9);
    assertEquals(1.5, cell(cells, "Finetuning", "Memory (GB)").ours(), 1e-9);
    assertNull(cell(cells, "Finetuning", "Memory (GB)").oursStd());
    // d = 5K is "slash" (the benchmark's default size), not the d = 10K row
    assertEquals(6.0, cell(cells, "Ours [d = 5K]", "Time (s)").ours(), 1e-9);
    Cell bitFit = cell(cells, "BitFit", "Time (s)");
    assertFalse(bitFit.hasOurs());
    assertTrue(bitFit.status().startsWith("no data: ") && bitFit.status().contains("bitfit")
        && bitFit.status().contains("jmh.json"), bitFit.status());

    TableSpec large = PaperTableSpecs.table5(PaperModel.ROBERTA_LARGE, 10000);
    assertEquals(7.0, cell(cells(large), "Ours [d = 10K]", "Time (s)").ours(), 1e-9);

    String ratios = new TableReport(table, cells, null, PaperModel.ROBERTA_BASE.config(),
        PaperTables.load()).costRatios().orElseThrow();
    // 6 / 12 ours, 558 / 1227 the paper's; memory 1.125 / 1.5 and 3.3 / 5.8
    assertTrue(ratios.contains("Ours [d = 5K] 0.50 (paper 0.45)"), ratios);
    assertTrue(ratios.contains("Ours [d = 5K] 0.75 (paper 0.57)"), ratios);
  }

  /** The epoch a mini cell times is batched as the mini runs train: grouped by length. */
  @Test
  void theBenchmarkEpochBatchesAsTheMiniRunsDo() {
    var method = slash.jmh.Fixtures.method("slash");
    assertTrue(slash.jmh.Fixtures.config(slash.core.data.Task.QNLI, "djl", "mini", method, 8, 128)
        .groupsByLength());
    assertFalse(slash.jmh.Fixtures.config(slash.core.data.Task.QNLI, "djl", "smoke", method, 8,
        64).groupsByLength());
    // the run the table plans for the same cell groups too
    ScalePlan mini = new ScalePlan(Scale.MINI, EngineName.DJL, dir, null, 1, false);
    assertTrue(mini.run(Variant.slash(5000), slash.core.data.Task.QNLI, PaperModel.ROBERTA_BASE,
        PaperModel.ROBERTA_BASE.config(), 0, 1e-2).groupsByLength());
  }

  @Test
  void withoutTheJmhResultsTheCellsSayWhereTheyComeFrom() {
    List<Cell> cells = cells(PaperTableSpecs.table5(PaperModel.ROBERTA_BASE, 5000));
    for (Cell c : cells) {
      assertFalse(c.hasOurs());
      assertTrue(c.status().startsWith("no data: Table 5 at mini scale reads jmh.json of "
          + "./slash bench"), c.status());
    }
  }

  @Test
  void noTrainingRunIsPlannedForTheMeasuredCellsAtMiniScaleOnly() {
    TableSpec table = PaperTableSpecs.table5(PaperModel.ROBERTA_BASE, 5000);
    ReproRunner mini = new ReproRunner(plan(Scale.MINI), results, dir.resolve("work"),
        Path.of("target", "test-cache"), Sessions::factory);
    assertTrue(mini.plan(List.of(table), PaperModel.ROBERTA_BASE.config()).isEmpty());
    ReproRunner smoke = new ReproRunner(plan(Scale.SMOKE), results, dir.resolve("work"),
        Path.of("target", "test-cache"), Sessions::factory);
    assertEquals(6, smoke.plan(List.of(table), PaperModel.ROBERTA_BASE.config()).size());
  }
}
