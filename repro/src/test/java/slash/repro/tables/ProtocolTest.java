package slash.repro.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.data.Task;
import slash.methods.slash.ShiftPosition;
import slash.methods.slash.SlashConfig;

/** Issue 14's protocol in the tables: rank agreement, the model check, the learned gate. */
class ProtocolTest {
  @TempDir Path dir;

  @Test
  void kendallTauOfKnownOrders() {
    assertEquals(1.0, RankAgreement.kendallTau(List.of(1.0, 2.0, 3.0), List.of(10.0, 20.0, 30.0)),
        1e-12);
    assertEquals(-1.0, RankAgreement.kendallTau(List.of(1.0, 2.0, 3.0), List.of(3.0, 2.0, 1.0)),
        1e-12);
    // one swap of four: (6 - 2 * 1) / 6
    assertEquals(4.0 / 6, RankAgreement.kendallTau(List.of(1.0, 2.0, 3.0, 4.0),
        List.of(1.0, 3.0, 2.0, 4.0)), 1e-12);
    assertNull(RankAgreement.kendallTau(List.of(1.0, 1.0), List.of(1.0, 2.0)));
  }

  @Test
  void permutationPValuesCountTheOrdersAtLeastAsExtreme() {
    // 3 rows in the paper's order: of the 3! orders only it and its reverse reach |tau| = 1
    RankAgreement.Tau three = RankAgreement.agreement(List.of(1.0, 2.0, 3.0),
        List.of(10.0, 20.0, 30.0));
    assertEquals(2.0 / 6, three.pValue(), 1e-12);
    assertEquals("not resolved at this scale", three.reading());
    // 5 rows, one adjacent swap: tau 0.8; orders with 0, 1, 9 or 10 inversions: 1 + 4 + 4 + 1
    RankAgreement.Tau five = RankAgreement.agreement(List.of(1.0, 3.0, 2.0, 4.0, 5.0),
        List.of(1.0, 2.0, 3.0, 4.0, 5.0));
    assertEquals(0.8, five.tau(), 1e-12);
    assertEquals(10.0 / 120, five.pValue(), 1e-12);
    // 10 rows (sampled): the paper's order is resolved, its reverse contradicts
    List<Double> paper = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    RankAgreement.Tau same = RankAgreement.agreement(paper, paper);
    assertTrue(same.pValue() < 1e-3, same.describe());
    assertEquals("consistent with the paper", same.reading());
    RankAgreement.Tau reversed = RankAgreement.agreement(
        List.of(10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0), paper);
    assertEquals(-1.0, reversed.tau(), 1e-12);
    assertEquals("contradicts the paper", reversed.reading());
    assertTrue(reversed.describe().startsWith("-1.00 (p "), reversed.describe());
  }

  @Test
  void aColumnWhoseSeedNoiseExceedsThePapersSpreadIsMarked() {
    TableSpec table = new TableSpec(9, PaperModel.ROBERTA_BASE, "t", List.of(
        Column.dev(Task.SST2), Column.dev(Task.RTE)), List.of(RowSpec.run("a", Variant.slash(8)),
            RowSpec.run("b", Variant.slash(9))), null);
    // SST-2: std 2 and 4 (mean 3) against the paper's 1.5-point gap; RTE: 0.5 against 6
    List<Cell> cells = List.of(
        new Cell("a", "SST-2", 80.0, 2.0, 3, 94.0, null, "ok"),
        new Cell("b", "SST-2", 81.0, 4.0, 3, 95.5, null, "ok"),
        new Cell("a", "RTE", 60.0, 0.5, 3, 70.0, null, "ok"),
        new Cell("b", "RTE", 65.0, 0.5, 3, 76.0, null, "ok"));
    String note = new TableReport(table, cells, null, PaperModel.ROBERTA_BASE.config(), null)
        .seedNoise().orElseThrow();
    assertTrue(note.contains("SST-2 3.0 vs 1.5 (below this scale's noise); RTE 0.5 vs 6.0."),
        note);
    // one seed: no std, nothing to say
    List<Cell> oneSeed = cells.stream().map(c -> new Cell(c.row(), c.column(), c.ours(), null, 1,
        c.paper(), null, "ok")).toList();
    assertTrue(new TableReport(table, oneSeed, null, PaperModel.ROBERTA_BASE.config(), null)
        .seedNoise().isEmpty());
  }

  @Test
  void rankAgreementPerColumnAndOnTheAverage() {
    TableSpec table = new TableSpec(3, PaperModel.ROBERTA_BASE, "t", List.of(Column.dev(Task.SST2),
        Column.dev(Task.RTE)), List.of(RowSpec.run("a", Variant.slash(8)),
            RowSpec.run("b", Variant.slash(9)), RowSpec.run("c", Variant.slash(10))), null);
    List<Cell> cells = List.of(
        new Cell("a", "SST-2", 1.0, null, 1, 10.0, null, "ok"),
        new Cell("b", "SST-2", 2.0, null, 1, 20.0, null, "ok"),
        new Cell("c", "SST-2", 3.0, null, 1, 30.0, null, "ok"),
        new Cell("a", "RTE", 3.0, null, 1, 10.0, null, "ok"),
        new Cell("b", "RTE", 2.0, null, 1, 20.0, null, "ok"),
        new Cell("c", "RTE", null, null, 0, 30.0, null, "no data"));
    var taus = RankAgreement.of(table, cells, Map.of("a", 1.0, "b", 2.0, "c", 3.0));
    assertEquals(1.0, taus.get("SST-2").tau(), 1e-12);
    assertEquals(3, taus.get("SST-2").rows());
    assertEquals(-1.0, taus.get("RTE").tau(), 1e-12);
    assertEquals(2, taus.get("RTE").rows());
    assertEquals(2, taus.get("Avg.").rows(), "c has no RTE value: not averaged");
  }

  @Test
  void aFullScaleTableRefusesAnotherModelUnlessForced() {
    List<TableSpec> table3 = PaperTableSpecs.table(3);
    var large = PaperModel.ROBERTA_LARGE.config();
    var error = assertThrows(IllegalArgumentException.class,
        () -> Reproduction.requirePaperModel(table3, large, "/m/roberta-large", false));
    assertTrue(error.getMessage().contains("Table 3 reports on roberta-base")
        && error.getMessage().contains("--force-model"), error.getMessage());
    Reproduction.requirePaperModel(table3, large, "/m/roberta-large", true);
    Reproduction.requirePaperModel(table3, PaperModel.ROBERTA_BASE.config(), "/m/rb", false);
  }

  @Test
  void table7AttentionRowFollowsTheReleasedCode() {
    TableSpec table7 = PaperTableSpecs.table(7).get(0);
    RowSpec attention = table7.rows().stream().filter(r -> r.paperRow().endsWith("attention"))
        .findFirst().orElseThrow();
    assertEquals(ShiftPosition.ATTENTION_LAYERNORM,
        ((SlashConfig) attention.variants().get(0).method()).position());
  }

  @Test
  void theSmokeGateFailsAMethodThatDidNotLearn() throws Exception {
    String json = "{\"cells\":[{\"row\":\"Ours\",\"column\":\"SST-2\",\"ours\":50.0,"
        + "\"status\":\"ok\"},{\"row\":\"Lin\",\"column\":\"SST-2\",\"ours\":80.0,"
        + "\"status\":\"ok\"},{\"row\":\"Ours\",\"column\":\"RTE\",\"ours\":51.0,"
        + "\"status\":\"ok\"}]}";
    Files.writeString(dir.resolve("table2.json"), json);
    List<String> problems = ReportCheck.unlearned(dir, List.of("table2"),
        Map.of(Task.SST2, 52.0, Task.RTE, 55.0));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("Ours / SST-2"), problems.toString());
    assertTrue(problems.get(1).contains("RTE: no row above"), problems.toString());
    assertTrue(ReportCheck.unlearned(dir, List.of("table2"), Map.of(Task.SST2, 40.0,
        Task.RTE, 50.0)).isEmpty());
  }
}
