package slash.repro.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import slash.baselines.lora.LoraConfig;
import slash.core.data.Task;
import slash.core.projection.Distribution;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.SlashConfig;
import slash.repro.paper.PaperCell;
import slash.repro.paper.PaperTables;

/** The specs cover the paper's tables exactly, and the typed hyperparameters read back right. */
class PaperTableSpecsTest {
  @Test
  void everyPaperRowAndColumnHasASpecAndEverySpecCellAPaperNumber() {
    PaperTables paper = PaperTables.load();
    Set<String> fromSpecs = new LinkedHashSet<>();
    Set<String> withoutPaperNumber = new LinkedHashSet<>();
    for (TableSpec table : PaperTableSpecs.all()) {
      for (RowSpec row : table.rows()) {
        assertTrue(paper.rows(String.valueOf(table.number()), table.model().id())
            .containsKey(row.paperRow()), "the paper has no row " + row.paperRow());
        for (Column column : table.columns()) {
          String key = table.number() + "|" + table.model().id() + "|" + row.paperRow() + "|"
              + column.paperName();
          fromSpecs.add(key);
          if (paper.cell(String.valueOf(table.number()), table.model().id(), row.paperRow(),
              column.paperName()).isEmpty()) {
            withoutPaperNumber.add(row.paperRow() + "|" + column.paperName());
          }
        }
      }
    }
    // the paper prints "-" for WARP_MNLI on the five tasks its MNLI pretraining makes moot
    assertEquals(Set.of("WARP MNLI|MNLI", "WARP MNLI|QQP", "WARP MNLI|QNLI", "WARP MNLI|SST-2",
        "WARP MNLI|CoLA"), withoutPaperNumber);
    Set<String> fromPaper = new LinkedHashSet<>();
    for (PaperCell c : paper.cells()) {
      if (!c.column().equals("Avg")) {
        fromPaper.add(c.table() + "|" + c.part() + "|" + c.row() + "|" + c.column());
      }
    }
    fromPaper.removeAll(fromSpecs);
    assertTrue(fromPaper.isEmpty(), "paper cells no spec reproduces: " + fromPaper);
  }

  @Test
  void tablesAreLookedUpByNumberWithAClearErrorOtherwise() {
    assertEquals(2, PaperTableSpecs.table(9).size());
    assertEquals(1, PaperTableSpecs.table(3).size());
    var error = assertThrows(IllegalArgumentException.class, () -> PaperTableSpecs.table(11));
    assertTrue(error.getMessage().contains("Table 11"), error.getMessage());
    assertFalse(PaperTableSpecs.table(6).get(0).pending(), "Table 6 runs DP-SGD");
  }

  @Test
  void tables13And14ReadBackTypedAsThePaperPrintsThem() {
    PaperHyperparameters h = PaperHyperparameters.privateTraining();
    assertEquals(2 * 2 * 4, h.rows().size()); // 2 tables x 2 models x 4 tasks
    java.util.Set<String> cells = new java.util.HashSet<>();
    for (var b : h.rows()) {
      assertTrue(java.util.List.of(1e-3, 3e-3, 1e-2).contains(b.learningRate()), b.toString());
      assertTrue(b.clip() == 0.1 || b.clip() == 1.0, b.toString()); // Appendix C's thresholds
      assertEquals(b.table() == 13 ? "slash" : "jr-warp", b.method());
      assertEquals(b.model().equals("roberta-base") ? 5000 : 10000, b.d());
      assertTrue(java.util.List.of(Task.MNLI, Task.QQP, Task.QNLI, Task.SST2).contains(b.task()));
      assertTrue(cells.add(b.table() + b.model() + b.task()), "one row per cell: " + b);
    }
    var sst2 = h.find(PaperModel.ROBERTA_BASE, "slash", 5000, Task.SST2).orElseThrow();
    assertEquals(Distribution.UNIFORM, sst2.init());
    assertEquals(3e-3, sst2.learningRate());
    assertEquals(0.1, sst2.clip());
    var mnli = h.find(PaperModel.ROBERTA_LARGE, "jr-warp", 10000, Task.MNLI).orElseThrow();
    assertEquals(0.1, mnli.clip());
    assertEquals(1e-2, mnli.learningRate());
    var qnli = h.find(PaperModel.ROBERTA_BASE, "jr-warp", 5000, Task.QNLI).orElseThrow();
    assertEquals(Distribution.UNIFORM, qnli.init());
  }

  @Test
  void privateRowsOfTable6RunThePapersPrivateSetupAtFullScale() {
    ScalePlan plan = new ScalePlan(slash.core.config.Scale.FULL,
        slash.core.config.EngineName.DJL, java.nio.file.Path.of("data"), "model", 1, false);
    TableSpec base = PaperTableSpecs.table(6).get(0);
    Variant slashDp = base.rows().stream().filter(r -> r.paperRow().equals(
        "Private Training / Ours [d=5K]")).findFirst().orElseThrow().variants().get(0);
    var run = plan.run(slashDp, Task.SST2, PaperModel.ROBERTA_BASE,
        PaperModel.ROBERTA_BASE.config(), 0, plan.learningRates(slashDp, Task.SST2,
            PaperModel.ROBERTA_BASE).get(0));
    assertTrue(run.isPrivate());
    assertEquals(2048, run.batchSize());
    assertEquals(20, run.epochs());
    assertEquals(3e-3, run.learningRate());
    assertEquals(0.1, run.maxGradNorm());
    assertEquals(6.7, run.privacy().epsilon());
    assertEquals(1e-6, run.privacy().delta());
    assertEquals(Distribution.UNIFORM, ((SlashConfig) run.method()).distribution());
    // the non-private rows are ordinary runs, the cited ones paper-only and labelled so
    assertTrue(base.rows().get(0).reproduced());
    assertTrue(base.rows().stream().filter(r -> !r.reproduced())
        .allMatch(r -> r.why().startsWith("cited: Yu et al. (2022)")));
    assertEquals(4, base.rows().stream().filter(r -> !r.reproduced()).count());
  }

  @Test
  void hyperparametersOfTables10To12ReadBackAsThePaperPrintsThem() {
    PaperHyperparameters h = PaperHyperparameters.training();
    assertEquals(8 * 3 + 8 * 2 + 8 * 2, h.rows().stream().filter(b -> b.table() >= 10).count());
    // Appendix C's NER sentence: SLaSh uniform 1e-2, JR-WARP normal 3e-2, 5 epochs (Table 4)
    assertEquals(3, h.rows().stream().filter(b -> b.table() == 4).count());
    var nerSlash = h.find(PaperModel.BERT_BASE_CASED, "slash", 1024, Task.CONLL2003)
        .orElseThrow();
    assertEquals(Distribution.UNIFORM, nerSlash.init());
    assertEquals(1e-2, nerSlash.learningRate());
    assertEquals(5, nerSlash.epochs());
    var nerJr = h.find(PaperModel.BERT_BASE_CASED, "jr-warp", 5000, Task.CONLL2003)
        .orElseThrow();
    assertEquals(Distribution.NORMAL, nerJr.init());
    assertEquals(3e-2, nerJr.learningRate());
    var rte = h.find(PaperModel.ROBERTA_LARGE, "slash", 1024, Task.RTE).orElseThrow();
    assertEquals(Distribution.NORMAL, rte.init());
    assertEquals(3e-2, rte.learningRate());
    assertEquals(10, rte.epochs());
    var mnli = h.find(PaperModel.ROBERTA_LARGE, "slash", 1024, Task.MNLI).orElseThrow();
    assertEquals(3e-4, mnli.learningRate());
    var sst2 = h.find(PaperModel.ROBERTA_BASE, "slash", 5000, Task.SST2).orElseThrow();
    assertEquals(Distribution.UNIFORM, sst2.init());
    assertEquals(1e-2, sst2.learningRate());
    var jr = h.find(PaperModel.ROBERTA_LARGE, "jr-warp", 10000, Task.QQP).orElseThrow();
    assertEquals(3e-3, jr.learningRate());
    assertEquals(20, jr.epochs());
  }

  @Test
  void fullScaleRunsTakeThePapersBestHyperparametersForItsOwnRows() {
    ScalePlan plan = new ScalePlan(slash.core.config.Scale.FULL,
        slash.core.config.EngineName.DJL, java.nio.file.Path.of("data"), "model", 5, false);
    var encoder = PaperModel.ROBERTA_LARGE.config();
    var rte = plan.run(Variant.slash(1024), Task.RTE, PaperModel.ROBERTA_LARGE, encoder, 2,
        plan.learningRates(Variant.slash(1024), Task.RTE, PaperModel.ROBERTA_LARGE).get(0));
    assertEquals(3e-2, rte.learningRate());
    assertEquals(10, rte.epochs());
    assertEquals(Distribution.NORMAL, ((SlashConfig) rte.method()).distribution());
    assertEquals(2, rte.seed());
    assertEquals(8, rte.batchSize());
    var jr = plan.run(Variant.jrWarp(10000), Task.SST2, PaperModel.ROBERTA_LARGE, encoder, 0,
        1e-3);
    assertEquals(1e-2, jr.learningRate());
    assertEquals(20, jr.epochs());
    assertEquals(Distribution.UNIFORM, ((JrWarpConfig) jr.method()).distribution());
    // a baseline keeps the rate it is given (its own paper's, or the sweep's)
    var lora = plan.run(Variant.of(LoraConfig.of(1)), Task.SST2,
        PaperModel.ROBERTA_LARGE, encoder, 0, 5e-4);
    assertEquals(5e-4, lora.learningRate());
    assertEquals(ScalePlan.SWEEP, new ScalePlan(slash.core.config.Scale.FULL,
        slash.core.config.EngineName.DJL, java.nio.file.Path.of("data"), "model", 5, true)
        .learningRates(Variant.slash(1024), Task.RTE, PaperModel.ROBERTA_LARGE));
    // the sweep gives full finetuning a finetuning grid, not the PEFT one that diverges
    assertEquals(List.of(1e-5, 2e-5, 3e-5, 5e-5), new ScalePlan(slash.core.config.Scale.FULL,
        slash.core.config.EngineName.DJL, java.nio.file.Path.of("data"), "model", 5, true)
        .learningRates(Variant.of(new slash.baselines.full.FullConfig()), Task.RTE,
            PaperModel.ROBERTA_LARGE));
    assertEquals(512, rte.maxLength(), "the released scripts' 512 at full scale");
    // NER: Appendix C's settings
    var ner = plan.run(Variant.slash(1024), Task.CONLL2003, PaperModel.BERT_BASE_CASED,
        PaperModel.BERT_BASE_CASED.config(), 0, 1e-3);
    assertEquals(1e-2, ner.learningRate());
    assertEquals(5, ner.epochs());
    assertEquals(32, ner.batchSize());
    assertEquals(Distribution.UNIFORM, ((SlashConfig) ner.method()).distribution());
  }

  @Test
  void table8RowsRunBothDistributionsEvenAtFullScale() {
    ScalePlan plan = new ScalePlan(slash.core.config.Scale.FULL,
        slash.core.config.EngineName.DJL, java.nio.file.Path.of("data"), "model", 1, false);
    TableSpec table8 = PaperTableSpecs.table(8).get(0);
    for (RowSpec row : table8.rows()) {
      java.util.Set<Distribution> ran = new java.util.HashSet<>();
      for (Variant v : row.variants()) {
        var run = plan.run(v, Task.RTE, table8.model(), table8.model().config(), 0, 1e-3);
        ran.add(((SlashConfig) run.method()).distribution());
      }
      assertEquals(java.util.Set.of(Distribution.NORMAL, Distribution.UNIFORM), ran,
          row.paperRow());
    }
  }

  @Test
  void miniRunsTrainEachTaskOnItsOwnBudgetInLengthGroupedBatches() {
    ScalePlan plan = new ScalePlan(slash.core.config.Scale.MINI,
        slash.core.config.EngineName.DJL, java.nio.file.Path.of("data"), null, 1, false);
    var encoder = PaperModel.ROBERTA_BASE.config();
    Variant ours = Variant.slash(1024);
    var sst2 = plan.run(ours, Task.SST2, PaperModel.ROBERTA_BASE, encoder, 0, 1e-2);
    var rte = plan.run(ours, Task.RTE, PaperModel.ROBERTA_BASE, encoder, 0, 1e-2);
    assertEquals(2000, sst2.maxTrainExamples());
    assertEquals(800, rte.maxTrainExamples(), "RTE's pairs are ~4x SST-2's sentences");
    assertEquals(2400, plan.run(Variant.of(new slash.baselines.full.FullConfig()),
        Task.CONLL2003, PaperModel.BERT_BASE_CASED, encoder, 0, 5e-5).maxTrainExamples());
    assertEquals(1, sst2.epochs());
    assertTrue(sst2.groupsByLength() && rte.groupsByLength());
    assertEquals(List.of(1e-2), plan.learningRates(ours, Task.SST2, PaperModel.ROBERTA_BASE));
    assertEquals(List.of(1e-3), plan.learningRates(Variant.of(LoraConfig.of(1)), Task.SST2,
        PaperModel.ROBERTA_BASE));
    // a private run samples its batches (Poisson), so it never asks for grouping
    var dp = plan.run(ours.privately(), Task.SST2, PaperModel.ROBERTA_BASE, encoder, 0, 1e-2);
    assertTrue(dp.isPrivate());
    assertFalse(dp.groupsByLength());
    assertEquals(2000, dp.maxTrainExamples());
    assertTrue(plan.learningRateNote().contains("SST-2 2,000, CoLA 2,400, STS-B 1,200, MRPC 800, "
        + "RTE 800, CoNLL-2003 2,400"), plan.learningRateNote());
    // smoke and full scale keep the released code's plain shuffle
    ScalePlan smoke = new ScalePlan(slash.core.config.Scale.SMOKE,
        slash.core.config.EngineName.DJL, java.nio.file.Path.of("data"), null, 1, false);
    assertFalse(smoke.run(ours, Task.SST2, PaperModel.ROBERTA_BASE, encoder, 0, 1e-2)
        .groupsByLength());
  }

  @Test
  void theLearningBudgetTrainsWholeSmallSetsWithSeedsARateGridAndTheReleasedHeads() {
    ScalePlan plan = new ScalePlan(slash.core.config.Scale.MINI,
        slash.core.config.EngineName.DJL, java.nio.file.Path.of("data"), null,
        MiniBudget.LEARNING.seeds(), false, null, MiniBudget.LEARNING);
    var encoder = PaperModel.ROBERTA_BASE.config();
    Variant ours = Variant.slash(1024);
    var cola = plan.run(ours, Task.COLA, PaperModel.ROBERTA_BASE, encoder, 0, 1e-2);
    assertEquals(8551, cola.maxTrainExamples(), "CoLA's whole training set");
    assertEquals(3, cola.epochs());
    assertEquals(3, plan.seeds());
    // every non-private cell tries its family's two rates
    assertEquals(List.of(3e-3, 1e-2), plan.learningRates(ours, Task.COLA,
        PaperModel.ROBERTA_BASE));
    assertEquals(List.of(3e-5, 1e-4), plan.learningRates(Variant.of(
        new slash.baselines.full.FullConfig()), Task.COLA, PaperModel.ROBERTA_BASE));
    // the baselines read what the released code gives them; SLaSh and WARP keep [MASK]
    for (Variant baseline : List.of(Variant.of(new slash.baselines.full.FullConfig()),
        Variant.of(new slash.baselines.bitfit.BitFitConfig()), Variant.of(LoraConfig.of(1)),
        Variant.of(new slash.baselines.adapter.AdapterConfig(1)))) {
      assertEquals(slash.core.text.Representation.CLS, plan.run(baseline, Task.COLA,
          PaperModel.ROBERTA_BASE, encoder, 0, 1e-3).representation(), baseline.toString());
    }
    assertEquals(slash.core.text.Representation.MASK, cola.representation());
    assertEquals(slash.core.text.Representation.MASK, plan.run(Variant.of(
        new slash.baselines.warp.WarpConfig(8)), Task.COLA, PaperModel.ROBERTA_BASE, encoder, 0,
        1e-2).representation());
    // private: q = 1/32 of SST-2's 8,000 and 8 epochs, so T = 256 noisy steps
    var dp = plan.run(ours.privately(), Task.SST2, PaperModel.ROBERTA_BASE, encoder, 0, 1e-2);
    assertEquals(250, dp.batchSize());
    assertEquals(256, dp.epochs() * (dp.maxTrainExamples() / dp.batchSize()));
    assertEquals(List.of(1e-2), plan.learningRates(ours.privately(), Task.SST2,
        PaperModel.ROBERTA_BASE));
    assertTrue(plan.learningRateNote().contains("CoLA 8,551 x 3"), plan.learningRateNote());
    // RTE stays at its majority class on this encoder: no runs, and its column says why
    assertEquals(List.of(), plan.cellRuns(PaperTableSpecs.table3(), ours, Column.dev(Task.RTE),
        encoder));
    assertTrue(PlanNotes.of(PaperTableSpecs.table3(), plan).stream()
        .anyMatch(n -> n.startsWith("The RTE column has no values of ours")));
  }
}
