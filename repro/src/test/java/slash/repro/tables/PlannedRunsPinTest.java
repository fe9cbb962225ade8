package slash.repro.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import slash.core.config.EngineName;
import slash.core.config.Scale;
import slash.core.io.Json;
import slash.core.model.EncoderConfig;
import slash.core.model.MiniLm;
import slash.core.smoke.SmokeData;
import slash.core.smoke.SmokeTokenizers;
import slash.jmh.Fixtures;
import slash.methods.MethodRegistry;

/**
 * Every run the reproduction plans, at smoke, mini and full scale, with and without the sweep,
 * pinned: each run's key (task, method label, representation, learning rate, seed and the hash of
 * its whole config JSON), each table's footnotes, the built-in methods' default JSON and the
 * benchmark fixtures' methods. A refactoring that changes any of them changes a number a table
 * reports, or orphans a committed result; {@code target/planned-runs.actual.tsv} then holds what
 * the code plans now.
 */
class PlannedRunsPinTest {
  static final String RESOURCE = "/planned-runs.tsv";
  /** The methods the pin was taken with: a method registered later is not part of it. */
  static final List<String> BUILT_IN = List.of("slash", "jr-warp", "full", "linear", "bitfit",
      "lora", "adapter", "warp");

  @Test
  void everyPlannedRunFootnoteAndMethodJsonIsAsPinned() throws IOException {
    List<String> actual = lines();
    List<String> pinned;
    try (InputStream in = PlannedRunsPinTest.class.getResourceAsStream(RESOURCE)) {
      pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    if (!pinned.equals(actual)) {
      Path out = Path.of("target", "planned-runs.actual.tsv");
      Files.createDirectories(out.getParent());
      Files.write(out, actual);
    }
    assertEquals(pinned.size(), actual.size(), "planned lines; now: target/planned-runs.actual.tsv");
    for (int i = 0; i < pinned.size(); i++) {
      assertEquals(pinned.get(i), actual.get(i), "line " + (i + 1) + " of " + RESOURCE);
    }
  }

  /** Every committed mini result is still a planned run, so the reproduction resumes it. */
  @Test
  void everyCommittedMiniResultIsStillPlanned() throws IOException {
    java.util.Set<String> planned = new java.util.HashSet<>();
    for (String line : lines()) {
      String[] fields = line.split("\t");
      if (fields[0].equals("mini") && fields[2].equals("run")) {
        planned.add(fields[3]);
      }
    }
    List<String> orphans;
    try (var files = Files.list(Path.of("..", "results", "mini", "runs"))) {
      orphans = files.map(f -> f.getFileName().toString().replaceFirst("\\.json$", ""))
          .filter(key -> !planned.contains(key)).sorted().toList();
    }
    assertEquals(List.of(), orphans, "committed results no run would find");
  }

  static List<String> lines() {
    List<String> lines = new ArrayList<>();
    Path qnliSplit = Path.of("target", "qnli-dev-split");
    for (Scale scale : Scale.values()) {
      for (boolean sweep : new boolean[] {false, true}) {
        // the CLI's seeds: 5 at full scale, else 1; one seed for the sweeps keeps the file small
        int seeds = scale == Scale.FULL && !sweep ? 5 : 1;
        ScalePlan plan = new ScalePlan(scale, EngineName.DJL, Path.of("no-task-files-here"),
            scale == Scale.FULL ? "model" : null, seeds, sweep,
            scale == Scale.MINI ? qnliSplit : null);
        addPlan(lines, scale.name().toLowerCase(java.util.Locale.ROOT) + (sweep ? "-sweep" : ""),
            plan);
      }
    }
    // the mini learning budget, with its three seeds
    addPlan(lines, "mini-learning", new ScalePlan(Scale.MINI, EngineName.DJL,
        Path.of("no-task-files-here"), null, MiniBudget.LEARNING.seeds(), false, qnliSplit,
        MiniBudget.LEARNING));
    for (String id : BUILT_IN) {
      lines.add("json\t" + id + "\t" + Json.write(MethodRegistry.byId(id).defaults()));
    }
    for (String id : BUILT_IN) {
      for (String spec : List.of(id, id + ":7")) {
        String method;
        try {
          method = Json.write(Fixtures.method(spec));
        } catch (IllegalArgumentException e) {
          method = "refused: " + e.getMessage();
        }
        lines.add("bench\t" + spec + "\t" + method);
      }
    }
    return lines.stream().map(line -> line.replace("\n", " ")).toList();
  }

  /** Every run {@code plan} plans for every table, and the tables' footnotes. */
  private static void addPlan(List<String> lines, String prefix, ScalePlan plan) {
    ReproRunner runner = new ReproRunner(plan, Path.of("results"), Path.of("work"),
        Path.of("cache"), (config, device) -> null);
    for (TableSpec table : PaperTableSpecs.all()) {
      EncoderConfig encoder = encoder(plan.scale(), table);
      String id = prefix + "\t" + table.number() + "/" + table.model().id();
      for (PlannedRun run : runner.plan(List.of(table), encoder).values()) {
        lines.add(id + "\trun\t" + run.key());
      }
      TableReport report = new TableReport(table, List.of(), provenance(plan), encoder, null);
      for (String note : report.footnotes()) {
        lines.add(id + "\tnote\t" + note);
      }
      for (String note : PlanNotes.of(table, plan)) {
        lines.add(id + "\tplan-note\t" + note);
      }
    }
  }

  /** The encoder a scale's runs resolve against: at full scale, the table's own model. */
  private static EncoderConfig encoder(Scale scale, TableSpec table) {
    return switch (scale) {
      case SMOKE -> EncoderConfig.smoke(SmokeTokenizers.BERT_SPECIALS.size()
          + SmokeData.vocabulary().size());
      case MINI -> MiniLm.CONFIG;
      case FULL -> table.model().config();
    };
  }

  /** What the footnotes read of a provenance: the scale's learning-rate note and length cap. */
  private static Provenance provenance(ScalePlan plan) {
    return new Provenance(null, plan.scale().name(), null, null, null, null, 1, plan.sweep(), 0,
        0, 0, 0, null, null, plan.maxLength(), Map.of(), plan.learningRateNote(),
        Reproduction.REPORTED, null);
  }
}
