package slash.repro.tables;

import slash.core.train.RunResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.baselines.lora.LoraConfig;
import slash.core.config.ConfigException;
import slash.core.config.EngineName;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.data.TaskFiles;
import slash.core.smoke.SmokeData;
import slash.methods.Sessions;

/**
 * The runner end to end at smoke scale: cells with values beside the paper's, "no data" where a
 * task has no files, a failed run recorded in its cell (and flagged by the check), resuming
 * without rerunning what succeeded, Figure 1 as PNG and SVG.
 */
class ReproductionTest {
  @TempDir Path dir;

  @Test
  void writesTablesMarksMissingDataAndFailuresAndResumes() throws Exception {
    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 400, 100);
    Files.delete(TaskFiles.path(data, Task.RTE, slash.core.data.Split.TRAIN));
    TableSpec table = new TableSpec(2, PaperModel.ROBERTA_LARGE, "test", List.of(
        Column.dev(Task.SST2), Column.dev(Task.RTE)), List.of(
            RowSpec.run("Ours [d = 1,024]", Variant.slash(16)),
            // rank 64 > the smoke encoder's hidden size 32: the run must fail, not vanish
            RowSpec.run("LoRA", Variant.of(LoraConfig.of(64))),
            RowSpec.paperOnly("WARP MNLI", "needs MNLI")), null);
    ScalePlan plan = new ScalePlan(Scale.SMOKE, EngineName.DJL, data, null, 1, false);
    Path results = dir.resolve("results");
    Reproduction reproduction = new Reproduction(new ReproRunner(plan, results,
        dir.resolve("work"), Path.of("target", "test-cache"),
        Sessions::factory));

    List<String> written = reproduction.run(List.of(table));
    assertEquals(List.of("table2", "figure1"), written);
    String md = Files.readString(results.resolve("table2.md"));
    assertTrue(md.matches("(?s).*\\| Ours \\[d = 1,024\\] \\|.*\\*\\*[0-9.]+\\*\\* / 94\\.7 ± 0\\.6 \\(.*"),
        "SLaSh's SST-2 cell has our value beside the paper's 94.7 ± 0.6:\n" + md);
    // not any number: the cell is the run's own final-epoch dev score, as its result.json says
    RunResult slashRun = slash.core.train.RunResult.read(Files.list(results.resolve("runs"))
        .filter(p -> p.toString().contains("slash")).findFirst().orElseThrow());
    assertTrue(md.contains(String.format(java.util.Locale.ROOT, "**%.1f** / 94.7 ± 0.6",
        slashRun.primary())), slashRun.primary() + " in\n" + md);
    assertEquals(slashRun.epochs().get(slashRun.epochs().size() - 1).metrics().get("acc"),
        slashRun.primary(), 0.0, "the final epoch is reported");
    // each run names the code that ran it: this checkout's commit, as the table's provenance
    assertEquals(Provenance.gitCommit(Path.of(".")), slashRun.commit());
    assertTrue(slashRun.commit() != null && !slashRun.commit().isBlank());
    assertTrue(md.contains("runs trained at " + slashRun.commit() + " ("), md);
    assertTrue(md.contains("Rank agreement with the paper"), md);
    assertTrue(md.contains("| # Params (paper) |"), "Table 2 prints the paper's counts:\n" + md);
    assertTrue(md.contains("Reported: the final epoch's dev score"), md);
    assertTrue(md.contains("Learning rate: one per method family"), md);
    assertTrue(md.contains("Maximum length 64 tokens") && md.contains("SST-2 0 of 48"), md);
    assertTrue(md.contains("dropout is off in the parameter-efficient baselines"), md);
    assertTrue(md.contains("Encoder that ran: **smoke random encoder"), md);
    String json = Files.readString(results.resolve("table2.json"));
    assertTrue(json.contains("rankAgreement") && json.contains("\"encoder\""), json);
    assertTrue(md.contains("no data"), md);
    assertTrue(md.contains("failed"), md);
    assertTrue(md.contains("paper only: needs MNLI"), md);
    String csv = Files.readString(results.resolve("table2.csv"));
    assertTrue(csv.contains("\"LoRA\",\"SST-2\",,,0,96.2000,,,\"failed: ConfigException"), csv);
    List<String> problems = ReportCheck.problems(results, written);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("LoRA / SST-2"), problems.toString());

    byte[] png = Files.readAllBytes(results.resolve("figure1.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    assertTrue(Files.readString(results.resolve("figure1.svg")).contains("<svg"));

    // a second run resumes: the successful run's result is left as it was
    Path ok = Files.list(results.resolve("runs")).filter(p -> p.toString().contains("slash"))
        .findFirst().orElseThrow();
    FileTime before = Files.getLastModifiedTime(ok);
    Thread.sleep(20);
    reproduction.run(List.of(table));
    assertEquals(before, Files.getLastModifiedTime(ok));
    assertTrue(!md.contains("resumed"), "a first reproduction resumes nothing:\n" + md);
    String resumed = Files.readString(results.resolve("table2.md"));
    assertTrue(resumed.matches("(?s).*wall time of the reproduction [0-9]+ s \\(1 of its 2 runs "
        + "resumed from earlier results.*"), "the provenance says which runs were resumed:\n"
        + resumed);
  }

  @Test
  void nerRowsScoreTheBestEpochOnTheTestSplitToo() throws Exception {
    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 400, 100);
    TableSpec table4 = PaperTableSpecs.table4();
    TableSpec oneRow = new TableSpec(4, table4.model(), table4.title(), table4.columns(),
        List.of(RowSpec.run("Ours [d = 1,024]", Variant.slash(16))), null);
    ScalePlan plan = new ScalePlan(Scale.SMOKE, EngineName.DJL, data, null, 1, false);
    Path results = dir.resolve("results");
    new Reproduction(new ReproRunner(plan, results, dir.resolve("work"),
        Path.of("target", "test-cache"), Sessions::factory))
        .run(List.of(oneRow));
    String csv = Files.readString(results.resolve("table4.csv"));
    assertTrue(csv.matches("(?s).*\"Ours \\[d = 1,024\\]\",\"Test\",[0-9.]+,,1,86\\.49.*"
        + "\"Ours \\[d = 1,024\\]\",\"Validation\",[0-9.]+,,1,.*"), csv);
    // the cells are the run's own numbers: test F1 of the final model, final-epoch dev F1
    RunResult run = RunResult.read(Files.list(results.resolve("runs")).findFirst().orElseThrow());
    assertTrue(csv.contains(String.format(java.util.Locale.ROOT, "\"Test\",%.4f,",
        run.testMetrics().get("entity_f1"))), run.testMetrics() + "\n" + csv);
    assertTrue(csv.contains(String.format(java.util.Locale.ROOT, "\"Validation\",%.4f,",
        run.primary())), run.finalMetrics() + "\n" + csv);

    Files.delete(TaskFiles.path(data, Task.CONLL2003, slash.core.data.Split.TEST));
    new Reproduction(new ReproRunner(plan, dir.resolve("results2"), dir.resolve("work2"),
        Path.of("target", "test-cache"), Sessions::factory))
        .run(List.of(oneRow));
    assertTrue(Files.readString(dir.resolve("results2").resolve("table4.csv"))
        .contains("\"Test\",,,0,86.4900,,,\"no data\""));
  }

  /** Generated data for every task under {@code dir/data}. */
  private Path smokeData() {
    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 400, 100);
    return data;
  }

  /** One SLaSh row over an SST-2 and an RTE column. */
  private static TableSpec sst2AndRteTable() {
    return new TableSpec(2, PaperModel.ROBERTA_LARGE, "test", List.of(Column.dev(Task.SST2),
        Column.dev(Task.RTE)), List.of(RowSpec.run("Ours [d = 1,024]", Variant.slash(16))), null);
  }

  /** {@code --tasks}: only the chosen tasks' runs train; the other column says it was not run. */
  @Test
  void onlyTheSelectedTasksTrain() throws Exception {
    Path data = smokeData();
    TableSpec table = sst2AndRteTable();
    ScalePlan plan = new ScalePlan(Scale.SMOKE, EngineName.DJL, data, null, 1, false);
    Path results = dir.resolve("results");
    new Reproduction(new ReproRunner(plan, results, dir.resolve("work"),
        Path.of("target", "test-cache"), Sessions::factory)
        .onlyTasks(java.util.Set.of(Task.SST2))).run(List.of(table));
    try (var runs = Files.list(results.resolve("runs"))) {
      assertEquals(List.of("sst-2"), runs.map(f -> f.getFileName().toString()
          .replaceFirst("-slash.*", "")).toList());
    }
    String csv = Files.readString(results.resolve("table2.csv"));
    assertTrue(csv.contains("\"RTE\",,,0,") && csv.contains("\"not run\""), csv);
  }

  /**
   * The fresh-clone path: committed results of a task without data here keep their cells (never
   * "no data"), and a task with data is trained again from nothing and compared with them: the
   * same seed and threads give the same numbers.
   */
  @Test
  void keepsCommittedCellsWithoutDataAndComparesFreshOnes() throws Exception {
    Path data = smokeData();
    TableSpec table = sst2AndRteTable();
    ScalePlan plan = new ScalePlan(Scale.SMOKE, EngineName.DJL, data, null, 1, false);
    Path results = dir.resolve("results");
    new Reproduction(new ReproRunner(plan, results, dir.resolve("work"),
        Path.of("target", "test-cache"), Sessions::factory)).run(List.of(table));
    String committed = Files.readString(results.resolve("table2.csv"));
    List<String> values = committed.lines().skip(1).map(l -> l.split(",")[4]).toList();
    assertTrue(values.stream().noneMatch(String::isEmpty), committed);

    // another machine: no work folder, and RTE's files are missing there
    Files.delete(TaskFiles.path(data, Task.RTE, slash.core.data.Split.TRAIN));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream console = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      new Reproduction(new ReproRunner(plan, results, dir.resolve("other-machine"),
          Path.of("target", "test-cache"), Sessions::factory)).run(List.of(table));
    } finally {
      System.setOut(console);
    }
    String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    String after = Files.readString(results.resolve("table2.csv"));
    assertEquals(values, after.lines().skip(1).map(l -> l.split(",")[4]).toList(),
        "every value is still there:\n" + committed + "\n" + after);
    assertTrue(!after.contains("no data"), after);
    assertTrue(printed.contains(
        "2 runs planned: 1 to train, 0 already trained here, 1 without data here"), printed);
    assertTrue(printed.contains("1 task had no data here: RTE (1 runs); their cells keep the 1 "
        + "committed run results there were"), printed);
    assertTrue(printed.contains("fresh cells against the committed ones: 1 the same, 0 "
        + "different, 0 new"), printed);
    assertTrue(printed.matches("(?s).*table2 Ours \\[d = 1,024\\] / SST-2: committed "
        + "[0-9.]+, fresh [0-9.]+ \\(same\\).*"), printed);
    // each cell names the runs it was made from
    String json = Files.readString(results.resolve("table2.json"));
    assertTrue(json.contains("\"runs\" : [ \"sst-2-slash-d16"), json);
  }

  /** With --reuse-results, committed results are done wherever they ran: nothing is trained. */
  @Test
  void reuseResultsResumesFromCommittedRunsOnAnotherMachine() throws Exception {
    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 400, 100);
    TableSpec table = new TableSpec(2, PaperModel.ROBERTA_LARGE, "test",
        List.of(Column.dev(Task.SST2)), List.of(
            RowSpec.run("Ours [d = 1,024]", Variant.slash(16))), null);
    ScalePlan plan = new ScalePlan(Scale.SMOKE, EngineName.DJL, data, null, 1, false);
    Path results = dir.resolve("results");
    new Reproduction(new ReproRunner(plan, results, dir.resolve("work"),
        Path.of("target", "test-cache"), Sessions::factory)).run(List.of(table));
    Path run = Files.list(results.resolve("runs")).findFirst().orElseThrow();
    FileTime before = Files.getLastModifiedTime(run);
    Thread.sleep(20);
    ReproRunner elsewhere = new ReproRunner(plan, results, dir.resolve("other-machine"),
        Path.of("target", "test-cache"), Sessions::factory, true);
    new Reproduction(elsewhere).run(List.of(table));
    assertEquals(before, Files.getLastModifiedTime(run), "reused, not retrained");
    ReproRunner fresh = new ReproRunner(plan, results, dir.resolve("other-machine"),
        Path.of("target", "test-cache"), Sessions::factory, false);
    assertTrue(fresh.plan(List.of(table), new Reproduction(fresh).encoder()).values().stream()
        .noneMatch(fresh::isDone), "without the flag a committed result is only a reference");
  }

  @Test
  void refusesToWriteTablesWhenNoTaskHasData() throws Exception {
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    ScalePlan plan = new ScalePlan(Scale.MINI, EngineName.DJL, empty, null, 1, false);
    Path results = dir.resolve("results-none");
    var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Reproduction(new ReproRunner(plan, results, dir.resolve("work-none"),
            Path.of("target", "test-cache"), Sessions::factory)).run(PaperTableSpecs.table(3)));
    assertTrue(error.getMessage().contains("fetch-data"), error.getMessage());
    assertTrue(!Files.exists(results), "nothing written");
  }
}
