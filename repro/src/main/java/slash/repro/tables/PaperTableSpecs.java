package slash.repro.tables;

import static slash.repro.tables.RowSpec.paperOnly;
import static slash.repro.tables.RowSpec.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import slash.baselines.adapter.AdapterConfig;
import slash.baselines.bitfit.BitFitConfig;
import slash.baselines.full.FullConfig;
import slash.baselines.linear.LinearConfig;
import slash.baselines.lora.LoraConfig;
import slash.baselines.warp.WarpConfig;
import slash.core.data.Task;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.text.Representation;
import slash.methods.slash.ShiftPosition;

/**
 * Every table of the paper as rows of method configs and columns of tasks (Tables 2-9). Row labels
 * are the paper-data file's, so each cell finds the paper's number beside ours.
 */
public final class PaperTableSpecs {
  static final List<Task> GLUE = List.of(Task.MNLI, Task.QQP, Task.QNLI, Task.SST2, Task.COLA,
      Task.STSB, Task.MRPC, Task.RTE);

  private PaperTableSpecs() {}

  public static List<TableSpec> all() {
    List<TableSpec> specs = new ArrayList<>();
    specs.add(table2());
    specs.add(table3());
    specs.add(table4());
    specs.add(table5(PaperModel.ROBERTA_BASE, 5000));
    specs.add(table5(PaperModel.ROBERTA_LARGE, 10000));
    specs.add(table6(PaperModel.ROBERTA_BASE, 5000));
    specs.add(table6(PaperModel.ROBERTA_LARGE, 10000));
    specs.add(table7());
    specs.add(table8());
    specs.add(table9(PaperModel.ROBERTA_BASE, "1,024", 5000, "5K"));
    specs.add(table9(PaperModel.ROBERTA_LARGE, "1024", 10000, "10K"));
    return specs;
  }

  /** The specs of table {@code number} (two parts for Tables 5, 6 and 9). */
  public static List<TableSpec> table(int number) {
    List<TableSpec> parts = all().stream().filter(t -> t.number() == number).toList();
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("the paper has no Table " + number
          + " to reproduce; tables: 2-9");
    }
    return parts;
  }

  static TableSpec table2() {
    return new TableSpec(2, PaperModel.ROBERTA_LARGE, "GLUE dev, RoBERTa-large", columns(GLUE),
        List.of(
            run("Finetuning", Variant.of(new FullConfig())),
            // the cited 3M-parameter Houlsby adapters: m = 32 gives 3.2M on RoBERTa-large
            run("Adapter", Variant.of(new AdapterConfig(32))),
            run("Linear Classifier", Variant.of(new LinearConfig())
                .with(Representation.CLS), Variant.of(new WarpConfig(0))),
            run("LoRA", Variant.of(LoraConfig.of(8))),
            run("WARP_1", Variant.of(new WarpConfig(1))),
            run("WARP_8", Variant.of(new WarpConfig(8))),
            run("WARP_20", Variant.of(new WarpConfig(20))),
            paperOnly("WARP MNLI", "needs WARP's intermediate training on MNLI first"),
            run("LoRA [rank = 1]", Variant.of(LoraConfig.of(1))),
            run("Adapter [m = 1]", Variant.of(new AdapterConfig(1))),
            run("BitFit", Variant.of(new BitFitConfig())),
            run("Ours [d = 1,024]", Variant.slash(1024)),
            run("Ours [d = 2,048]", Variant.slash(2048)),
            run("Ours [d = 10K]", Variant.slash(10000)),
            run("JR-WARP_1 [d = 10K]", Variant.jrWarp(10000)),
            run("Ours [d = 24,576] (max)", Variant.slashMax())), null);
  }

  static TableSpec table3() {
    return new TableSpec(3, PaperModel.ROBERTA_BASE, "GLUE dev, RoBERTa-base", columns(GLUE),
        List.of(
            run("Finetuning", Variant.of(new FullConfig())),
            run("BitFit", Variant.of(new BitFitConfig())),
            run("LoRA [rank = 1]", Variant.of(LoraConfig.of(1))),
            run("Adapter [m = 1]", Variant.of(new AdapterConfig(1))),
            run("Ours [d = 1,024]", Variant.slash(1024)),
            run("Ours [d = 5K]", Variant.slash(5000)),
            run("JR-WARP_1 [d = 5K]", Variant.jrWarp(5000)),
            run("Ours [d = 9,216] (max)", Variant.slashMax())), null);
  }

  static TableSpec table4() {
    List<Column> columns = List.of(new Column("Test", Task.CONLL2003, Column.Measure.TEST_METRIC),
        new Column("Validation", Task.CONLL2003, Column.Measure.DEV_METRIC));
    return new TableSpec(4, PaperModel.BERT_BASE_CASED, "CoNLL-2003 NER, BERT-base-cased",
        columns, List.of(
            run("Finetuning", Variant.of(new FullConfig())),
            run("Linear Classifier", Variant.of(new LinearConfig())),
            run("LoRA [rank = 1]", Variant.of(LoraConfig.of(1))),
            run("Adapter [m = 1]", Variant.of(new AdapterConfig(1))),
            run("BitFit", Variant.of(new BitFitConfig())),
            run("WARP_20", Variant.of(new WarpConfig(20))),
            run("Ours [d = 1,024]", Variant.slash(1024)),
            run("Ours [d = 5K]", Variant.slash(5000)),
            run("JR-WARP_1 [d = 5K]", Variant.jrWarp(5000))), null);
  }

  static TableSpec table5(PaperModel model, int d) {
    List<Column> columns = List.of(
        new Column("Time (s)", Task.QNLI, Column.Measure.EPOCH_SECONDS),
        new Column("Memory (GB)", Task.QNLI, Column.Measure.PEAK_MEMORY_GB));
    return new TableSpec(5, model, "time and memory of one QNLI epoch", columns, List.of(
        run("Finetuning", Variant.of(new FullConfig())),
        run("BitFit", Variant.of(new BitFitConfig())),
        run("LoRA [rank = 1]", Variant.of(LoraConfig.of(1))),
        run("Adapter [m = 1]", Variant.of(new AdapterConfig(1))),
        run("WARP_20", Variant.of(new WarpConfig(20))),
        run("Ours [d = " + (d / 1000) + "K]", Variant.slash(d))), null);
  }

  static TableSpec table6(PaperModel model, int d) {
    String size = "[d=" + (d / 1000) + "K]";
    String cited = "cited: Yu et al. (2022)'s private result, as the paper reports it (their "
        + "code and setup are not part of this project)";
    List<RowSpec> rows = new ArrayList<>(List.of(
        run("Non-Private Training / Finetuning", Variant.of(new FullConfig())),
        run("Non-Private Training / Ours " + size, Variant.slash(d)),
        run("Non-Private Training / JR-WARP_1 " + size, Variant.jrWarp(d))));
    for (String row : List.of("RGP", "Adapter", "Compacter", "LoRA")) {
      rows.add(paperOnly("Private Training / " + row, cited));
    }
    // DP-SGD, epsilon 6.7, delta 1e-6; budgets per scale and Tables 13/14 in PrivatePlan
    rows.add(run("Private Training / Ours " + size, Variant.slash(d).privately()));
    rows.add(run("Private Training / JR-WARP_1 " + size, Variant.jrWarp(d).privately()));
    return new TableSpec(6, model, "private training (epsilon = 6.7, delta = 1e-6)",
        columns(List.of(Task.MNLI, Task.QQP, Task.QNLI, Task.SST2)), rows, null);
  }

  static TableSpec table7() {
    List<RowSpec> rows = new ArrayList<>();
    // "attention" as the released code adds it: after the attention block's LayerNorm
    rows.add(run("d = 1,024 attention",
        Variant.slashAt(1024, ShiftPosition.ATTENTION_LAYERNORM).with(Representation.CLS)));
    for (ShiftPosition position : List.of(ShiftPosition.INTERMEDIATE, ShiftPosition.OUTPUT)) {
      rows.add(run("d = 1,024 " + position.name().toLowerCase(Locale.ROOT),
          Variant.slashAt(1024, position).with(Representation.CLS)));
    }
    rows.add(run("d = 5K intermediate",
        Variant.slashAt(5000, ShiftPosition.INTERMEDIATE).with(Representation.CLS)));
    rows.add(run("d = 5K output",
        Variant.slashAt(5000, ShiftPosition.OUTPUT).with(Representation.CLS)));
    return new TableSpec(7, PaperModel.ROBERTA_BASE, "shift position ([CLS]), RoBERTa-base",
        columns(GLUE), rows, null);
  }

  static TableSpec table8() {
    return new TableSpec(8, PaperModel.ROBERTA_LARGE, "initialisation ([MASK], d = 1,024)",
        columns(List.of(Task.SST2, Task.COLA, Task.STSB, Task.MRPC, Task.RTE)), List.of(
            // each row: N and U both run, the better kept (the paper's {N, U} is a choice)
            run("z, W_l in N, U", bothDistributions(InitScheme.RANDOM)),
            run("z = 0, W_l in N, U", bothDistributions(InitScheme.ZERO_Z)),
            run("z in N, U, W_l = I", bothDistributions(InitScheme.IDENTITY_W))), null);
  }

  private static Variant[] bothDistributions(InitScheme init) {
    return new Variant[] {Variant.slashInit(1024, init, Distribution.NORMAL),
        Variant.slashInit(1024, init, Distribution.UNIFORM)};
  }

  static TableSpec table9(PaperModel model, String small, int d, String dLabel) {
    return new TableSpec(9, model, "[MASK] vs [CLS]", columns(GLUE), List.of(
        run("d = " + small + ", [MASK]", Variant.slash(1024)),
        run("d = " + small + ", [CLS]", Variant.slash(1024).with(Representation.CLS)),
        run("d = " + dLabel + ", [MASK]", Variant.slash(d)),
        run("d = " + dLabel + ", [CLS]", Variant.slash(d).with(Representation.CLS))), null);
  }

  private static List<Column> columns(List<Task> tasks) {
    return tasks.stream().map(Column::dev).toList();
  }
}
