package slash.repro.tables;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.config.EngineName;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.smoke.SmokeData;
import slash.methods.Sessions;

/** Table 6 at smoke scale: real private cells, with what they spent in the provenance. */
class Table6SmokeTest {
  @TempDir Path dir;

  @Test
  void privateCellsHaveValuesAndTheirBudgetInTheProvenance() throws Exception {
    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 400, 100);
    TableSpec full = PaperTableSpecs.table(6).get(0);
    List<RowSpec> rows = full.rows().stream().filter(r -> r.paperRow().contains("Ours")
        || r.paperRow().endsWith("RGP")).toList();
    TableSpec table = new TableSpec(6, full.model(), full.title(),
        List.of(Column.dev(Task.SST2)), rows, null);
    ScalePlan plan = new ScalePlan(Scale.SMOKE, EngineName.DJL, data, null, 1, false);
    Path results = dir.resolve("results");
    new Reproduction(new ReproRunner(plan, results, dir.resolve("work"),
        Path.of("target", "test-cache"), Sessions::factory)).run(List.of(table));
    String md = Files.readString(results.resolve("table6-roberta-base.md"));
    assertTrue(md.matches("(?s).*\\| Private Training / Ours \\[d=5K\\] \\|[^\\n]*\\*\\*[0-9.]+"
        + "\\*\\* / 92\\.4.*"), md);
    assertTrue(md.contains("paper only: cited: Yu et al. (2022)"), md);
    assertTrue(md.matches("(?s).*Privacy of the private cells.*Private Training / Ours \\[d=5K\\]"
        + " / SST-2: accountant epsilon 6\\.[0-9]+ \\(PRV.*RDP.*delta 1e-6, sigma [0-9.]+, "
        + "q 0\\.08000, steps 24 of 24, C 1\\.0.*"), md); // smoke: 32 of 400, 4 epochs
  }
}
