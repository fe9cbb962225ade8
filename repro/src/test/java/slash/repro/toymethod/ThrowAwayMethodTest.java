package slash.repro.toymethod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.method.Trainables;
import slash.core.model.EncoderConfig;
import slash.core.model.MiniLm;
import slash.core.smoke.SmokeData;
import slash.core.smoke.SmokeTokenizers;
import slash.core.train.RunResult;
import slash.methods.MethodRegistry;
import slash.methods.Sessions;
import slash.repro.Cli;
import slash.repro.paper.PaperTables;
import slash.repro.tables.Column;
import slash.repro.tables.EpochBenchmarks;
import slash.repro.tables.PaperModel;
import slash.repro.tables.Provenance;
import slash.repro.tables.ReproRunner;
import slash.repro.tables.RowSpec;
import slash.repro.tables.ScalePlan;
import slash.repro.tables.TableCells;
import slash.repro.tables.TableReport;
import slash.repro.tables.TableSpec;
import slash.repro.tables.Variant;

/**
 * A method added from this folder alone (its config, its {@link TopBiasMethod} provider and the
 * provider's service file) is a method like the built-in ones: {@code train} trains it, the help
 * lists it, and a table row of it gets its family's learning rate and the baselines' footnote,
 * with no edit to the CLI, the tables or the registry's list.
 */
class ThrowAwayMethodTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void theRegistryFindsItOnTheClassPath() {
    assertEquals("top-bias", MethodRegistry.of(new TopBiasConfig(2)).id());
    assertEquals("top-bias", MethodRegistry.all().get(MethodRegistry.all().size() - 1).id());
  }

  @Test
  void trainTrainsItAtSmokeScaleAndItsResultReadsBack() {
    Path run = dir.resolve("run");
    Outcome ran = cli("train", "--task", "sst2", "--data", dir.resolve("data").toString(),
        "--method", "top-bias", "--top-layers", "1", "--epochs", "1", "--batch", "16",
        "--max-train", "64", "--max-eval", "32", "--out", run.toString());
    assertEquals(0, ran.code(), ran.err());
    RunResult result = RunResult.read(run.resolve("result.json"));
    assertEquals(new TopBiasConfig(1), result.config().method());
    EncoderConfig smokeEncoder = EncoderConfig.smoke(SmokeTokenizers.BERT_SPECIALS.size()
        + SmokeData.vocabulary().size());
    assertEquals(Trainables.count(new TopBiasConfig(1), smokeEncoder, 2),
        result.trainableParameters(), "the last block's biases and the head");
    assertEquals(1e-2, result.config().learningRate(), "its family's smoke rate, as repro's");
    assertTrue(Double.isFinite(result.epochs().get(0).trainLoss()));
  }

  @Test
  void theHelpListsItsOptionAndAnUnknownMethodNamesIt() {
    String help = cli("train", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("--top-layers=<int> [top-bias] how many of the last blocks train "
        + "their biases (default: 1)"), help);
    Outcome unknown = cli("train", "--task", "sst2", "--method", "prefix-tuning");
    assertTrue(unknown.err().contains("top-bias"), unknown.err());
  }

  @Test
  void aTableRowOfItGetsItsFamilysRateAndTheBaselinesFootnote() throws Exception {
    Variant row = Variant.of(new TopBiasConfig(1));
    for (Scale scale : Scale.values()) {
      ScalePlan plan = new ScalePlan(scale, EngineName.DJL, dir, "model", 1, false);
      double rate = plan.learningRates(row, Task.SST2, PaperModel.ROBERTA_BASE).get(0);
      // BitFit's family: 1e-2 at smoke, 1e-3 at mini and (BitFit's paper) at full
      assertEquals(scale == Scale.SMOKE ? 1e-2 : 1e-3, rate, scale.name());
      RunConfig config = plan.run(row, Task.SST2, PaperModel.ROBERTA_BASE, MiniLm.CONFIG, 0,
          rate);
      assertEquals(rate, config.learningRate(), scale.name());
      assertInstanceOf(TopBiasConfig.class, config.method());
    }
    ScalePlan smoke = new ScalePlan(Scale.SMOKE, EngineName.DJL, dir, null, 1, false);
    assertEquals(ScalePlan.SMOKE_EPOCHS, smoke.run(row, Task.SST2, PaperModel.ROBERTA_BASE,
        MiniLm.CONFIG, 0, 1e-2).epochs());
    TableSpec table = new TableSpec(3, PaperModel.ROBERTA_BASE, "a new method",
        List.of(Column.dev(Task.SST2)), List.of(RowSpec.run("Top-block BitFit", row)), null);
    ReproRunner runner = new ReproRunner(smoke, dir.resolve("results"), dir.resolve("work"),
        Path.of("target", "test-cache"), Sessions::factory);
    TableCells cells = new TableCells(smoke, runner, MiniLm.CONFIG, Map.of(),
        PaperTables.load(), EpochBenchmarks.besideResults(dir.resolve("results")));
    new TableReport(table, cells.cells(table), new Provenance("test", "smoke", "djl", null, null,
        null, 1, false, 0, 0, 0, 0, null, "roberta-base", 64, Map.of(),
        smoke.learningRateNote(), "the final epoch", null), MiniLm.CONFIG, PaperTables.load())
        .write(dir, "table");
    String md = Files.readString(dir.resolve("table.md"));
    assertTrue(md.contains("dropout is off in the parameter-efficient baselines"), md);
  }
}
