package slash.repro.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import slash.core.config.Scale;
import slash.core.method.InitDistribution;
import slash.core.text.Representation;
import slash.methods.MethodEntry;
import slash.methods.MethodRegistry;

/**
 * The footnotes a table owes to how its plan ran it: which state the baselines' heads read, the
 * initialisation SLaSh and JR-WARP drew, how a row with several variants picked one, and the
 * private cells' own budget. Each says where the runs differ from the paper or its released code.
 */
final class PlanNotes {
  private PlanNotes() {}

  static List<String> of(TableSpec table, ScalePlan plan) {
    List<String> notes = new ArrayList<>();
    List<Variant> variants = table.rows().stream().filter(RowSpec::reproduced)
        .flatMap(r -> r.variants().stream()).toList();
    headNote(variants, plan).ifPresent(notes::add);
    initNote(variants, plan).ifPresent(notes::add);
    for (RowSpec row : table.rows()) {
      if (row.reproduced() && row.variants().size() > 1) {
        notes.add("\"" + row.paperRow() + "\": per column the better mean dev score of "
            + String.join(" and ", row.variants().stream().map(PlanNotes::describe).toList())
            + ", chosen on the dev set that reports it.");
      }
    }
    table.columns().stream().map(Column::task).distinct()
        .forEach(task -> plan.notRun(task).ifPresent(why -> notes.add("The " + task.dirName()
            + " column has no values of ours at this budget: " + why + ".")));
    if (variants.stream().anyMatch(Variant::dp)) {
      notes.add("The private cells train their own budget, not the one above: "
          + PrivatePlan.describe(plan.scale(), plan.budget()) + ".");
    }
    if (plan.scale() == Scale.MINI && plan.budget() == MiniBudget.ONE_EPOCH) {
      notes.add("A run's commit is the code's as its reproduction started; the runs of "
          + "2026-12-02 were stamped after they ran, with the commit that rendered them.");
    }
    return notes;
  }

  /** Which state the baselines read, where the table has baselines reading [MASK] by default. */
  private static java.util.Optional<String> headNote(List<Variant> variants, ScalePlan plan) {
    List<Variant> baselines = variants.stream().filter(v -> !v.dp()
        && MethodRegistry.of(v.method()).role() == MethodEntry.Role.BASELINE
        && v.representation() == Representation.MASK
        && v.method().releasedHead() != Representation.MASK).toList();
    if (baselines.isEmpty()) {
      return java.util.Optional.empty();
    }
    boolean asReleased = plan.scale() == Scale.MINI && plan.budget() == MiniBudget.LEARNING;
    return java.util.Optional.of(asReleased
        ? "The baselines' heads read the state the released code gives them: [CLS] for full "
            + "finetuning, BitFit, LoRA and adapters; [MASK] for WARP."
        : "Differs from the released code: every baseline's head reads the [MASK] state, as "
            + "SLaSh's; the released code gives full finetuning, BitFit, LoRA and adapters the "
            + "[CLS] state (the learning budget does).");
  }

  /** SLaSh's and JR-WARP's z and W_l distribution where the plan does not take the paper's. */
  private static java.util.Optional<String> initNote(List<Variant> variants, ScalePlan plan) {
    boolean unpinned = variants.stream().anyMatch(v -> !v.initPinned()
        && v.method() instanceof InitDistribution);
    if (!unpinned || plan.scale() == Scale.FULL && !plan.sweep()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("SLaSh and JR-WARP draw z and W_l from N (normal) in every "
        + "cell; the paper picks N or U per task and model (Tables 10-12).");
  }

  /** "slash-d1024 (N)", "linear [CLS]", "warp-n0": what a row's variant is, for its note. */
  private static String describe(Variant variant) {
    String init = variant.initPinned() && variant.method() instanceof InitDistribution d
        ? " (" + d.distribution().name().substring(0, 1) + ")" : "";
    return variant.method().label() + init + " ["
        + variant.representation().name().toUpperCase(Locale.ROOT) + "]";
  }
}
