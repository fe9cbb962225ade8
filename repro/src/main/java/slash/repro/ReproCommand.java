package slash.repro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import slash.core.config.EngineName;
import slash.core.config.Scale;
import slash.core.smoke.SmokeData;
import slash.repro.tables.PaperTableSpecs;
import slash.repro.tables.ReportCheck;
import slash.repro.tables.ReproRunner;
import slash.repro.tables.Reproduction;
import slash.repro.tables.ScalePlan;
import slash.repro.tables.TableSpec;

/** {@code slash repro}: the paper's tables at one scale, into {@code results/<scale>/}. */
final class ReproCommand {
  /** Where the real task files are looked for when {@code --data} is not given. */
  static final List<Path> DATA_GUESSES = List.of(Path.of("data", "glue"),
      Path.of("..", "shared", "data", "glue"));

  private ReproCommand() {}

  static void run(Options o, Path cache) {
    Scale scale = Scale.parse(o.get("scale", "mini"));
    EngineName engine = EngineName.parse(o.get("engine", "djl"));
    Path data = Path.of(o.get("data", scale == Scale.SMOKE ? "target/smoke-data"
        : defaultData().toString()));
    if (scale == Scale.FULL && o.get("model") == null) {
      throw new IllegalArgumentException("repro at full scale needs --model <Hugging Face "
          + "folder> (roberta-base, roberta-large or bert-base-cased, as the tables say)");
    }
    int seeds = o.integer("seeds", scale == Scale.FULL ? 5 : 1);
    if (seeds <= 0) {
      throw new IllegalArgumentException("--seeds must be positive, was " + seeds);
    }
    if (scale == Scale.SMOKE) {
      SmokeData.write(data, 11, 400, 100); // generated: smoke never reads real files
    }
    ScalePlan plan = new ScalePlan(scale, engine, data, o.get("model"), seeds, o.flag("sweep"));
    String folder = scale.name().toLowerCase(Locale.ROOT)
        + (engine == EngineName.DJL ? "" : "-" + engine.name().toLowerCase(Locale.ROOT));
    Path results = Path.of(o.get("results", "results")).resolve(folder);
    Path work = Path.of("target", "repro-runs", folder);
    List<TableSpec> tables = new ArrayList<>();
    String which = o.get("tables", "2,3,4,5,6,7,8,9");
    for (String number : which.split(",")) {
      tables.addAll(PaperTableSpecs.table(Integer.parseInt(number.strip())));
    }
    System.out.printf(Locale.ROOT, "reproducing tables %s at %s scale on %s; data %s%s%n", which,
        folder, engine.name().toLowerCase(Locale.ROOT), data,
        Files.isDirectory(data) ? "" : " (missing: cells will say \"no data\")");
    List<String> written = new Reproduction(new ReproRunner(plan, results, work, cache,
        config -> weights -> Engines.open(config, weights))).run(tables);
    System.out.println("wrote " + Arrays.toString(written.toArray()) + " into " + results);
    if (o.flag("check")) {
      List<String> problems = ReportCheck.problems(results, written);
      if (!problems.isEmpty()) {
        throw new IllegalStateException("the regenerated tables are incomplete:\n  "
            + String.join("\n  ", problems));
      }
      System.out.println("checked: every table and Figure 1 written, no failed cell");
    }
  }

  private static Path defaultData() {
    return DATA_GUESSES.stream().filter(Files::isDirectory).findFirst()
        .orElse(DATA_GUESSES.get(0));
  }
}
