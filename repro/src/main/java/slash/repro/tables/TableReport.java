package slash.repro.tables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import slash.core.config.ConfigException;
import slash.core.io.AtomicFiles;
import slash.core.io.Json;
import slash.core.method.MethodConfig;
import slash.core.method.Trainables;
import slash.core.model.EncoderConfig;
import slash.methods.MethodEntry;
import slash.methods.MethodRegistry;
import slash.repro.paper.PaperCell;
import slash.repro.paper.PaperTables;

/**
 * Writes one regenerated table as Markdown (ours beside the paper's, difference, status), CSV and
 * JSON (one row per cell), with its provenance and parameter counts: ours on this scale's encoder,
 * ours on the paper's model shape, and the paper's column.
 */
public final class TableReport {
  private final TableSpec table;
  private final List<Cell> cells;
  private final Provenance provenance;
  private final EncoderConfig encoder;
  private final PaperTables paper;
  private final List<String> extraNotes;

  public TableReport(TableSpec table, List<Cell> cells, Provenance provenance,
      EncoderConfig encoder, PaperTables paper) {
    this(table, cells, provenance, encoder, paper, List.of());
  }

  private TableReport(TableSpec table, List<Cell> cells, Provenance provenance,
      EncoderConfig encoder, PaperTables paper, List<String> extraNotes) {
    this.table = table;
    this.cells = cells;
    this.provenance = provenance;
    this.encoder = encoder;
    this.paper = paper;
    this.extraNotes = extraNotes;
  }

  /** The same report with more footnotes (where a table's cells were measured elsewhere). */
  public TableReport withNotes(List<String> notes) {
    List<String> all = new ArrayList<>(extraNotes);
    all.addAll(notes);
    return new TableReport(table, cells, provenance, encoder, paper, List.copyOf(all));
  }

  public void write(Path dir, String id) {
    AtomicFiles.writeString(dir.resolve(id + ".md"), markdown());
    AtomicFiles.writeString(dir.resolve(id + ".csv"), csv());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("table", table.number());
    json.put("model", table.model().id());
    json.put("title", table.title());
    json.put("provenance", provenance);
    json.put("parameters", parameterCounts());
    json.put("rankAgreement", rankAgreement());
    json.put("notes", footnotes());
    json.put("cells", cells);
    AtomicFiles.writeString(dir.resolve(id + ".json"), Json.write(json));
  }

  /** Row -> [ours on this scale's encoder, ours on the paper's model]; absent for paper-only. */
  Map<String, long[]> parameterCounts() {
    Map<String, long[]> counts = new LinkedHashMap<>();
    int outputs = table.columns().get(0).task().outputSize();
    for (RowSpec row : table.rows()) {
      if (row.reproduced()) {
        Variant first = row.variants().get(0);
        MethodConfig atScale = first.resolve(encoder);
        MethodConfig atPaper = first.resolve(table.model().config());
        try {
          counts.put(row.paperRow(), new long[] {Trainables.count(atScale, encoder,
              outputs), Trainables.count(atPaper, table.model().config(), outputs)});
        } catch (ConfigException e) {
          // an impossible config has no count; its cells say why the run failed
        }
      }
    }
    return counts;
  }

  /** Kendall's tau between our row order and the paper's, per column and on the average. */
  Map<String, RankAgreement.Tau> rankAgreement() {
    Map<String, Double> averages = new LinkedHashMap<>();
    paper.rows(String.valueOf(table.number()), table.model().id()).forEach((row, byColumn) -> {
      if (byColumn.containsKey("Avg")) {
        averages.put(row, byColumn.get("Avg").value());
      }
    });
    return RankAgreement.of(table, cells, averages);
  }

  /**
   * The table's footnotes: how the score and the learning rate were chosen, the length cap and
   * what it truncates, which d the model-tied rows used, and where we knowingly differ from the
   * released code.
   */
  List<String> footnotes() {
    List<String> notes = new ArrayList<>();
    notes.add("Reported: " + provenance.reported() + ".");
    notes.add(capitalise(provenance.learningRate()) + ".");
    notes.add("Maximum length " + provenance.maxLength() + " tokens"
        + (provenance.maxLength() == ScalePlan.FULL_MAX_LENGTH ? " (the released scripts' 512)"
            : " (this scale's cap; the paper uses 512)")
        + (provenance.truncatedDev() == null || provenance.truncatedDev().isEmpty() ? ""
            : "; dev examples it truncates: " + String.join(", ", provenance.truncatedDev()
                .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()))
        + ".");
    for (RowSpec row : table.rows()) {
      if (row.reproduced()) {
        String size = row.variants().get(0).sizeNote(encoder);
        if (size != null) {
          notes.add("\"" + row.paperRow() + "\" ran with " + size + " (this encoder); on "
              + table.model().id() + ": " + row.variants().get(0).sizeNote(table.model()
                  .config()) + ".");
        }
      }
    }
    List<MethodConfig> methods = new ArrayList<>();
    table.rows().forEach(r -> r.variants().forEach(v -> methods.add(v.method())));
    // each method's own differences once, in registry order whatever the rows' order
    MethodRegistry.all().stream()
        .flatMap(entry -> methods.stream().filter(entry.type()::isInstance))
        .flatMap(m -> m.knownDifferences().stream()).distinct().forEach(notes::add);
    boolean baselines = methods.stream().anyMatch(m -> !m.keepsModelDropout()
        && MethodRegistry.of(m).role() == MethodEntry.Role.BASELINE);
    if (baselines) {
      notes.add("Differs from the released code: dropout is off in the parameter-efficient "
          + "baselines (LoRA, Adapter, BitFit, WARP, linear), as for SLaSh and JR-WARP; "
          + "AdapterHub trains them with the model's dropout. Full finetuning keeps it.");
    }
    if (table.number() == 7) {
      notes.add("\"attention\" adds the shift after the attention block's LayerNorm, as the "
          + "released code does (position attention_layernorm); --position attention (before "
          + "the LayerNorm, in the dense bias) remains an option.");
    }
    notes.addAll(extraNotes);
    costRatios().ifPresent(notes::add);
    seedNoise().ifPresent(notes::add);
    return notes;
  }

  /**
   * Whether the paper's differences between rows can show at this scale: per column, our mean
   * seed std against the spread of the paper's values over the rows (Tables 7-9 turn on gaps of 1-2
   * points); where the std is larger the column is marked "below this scale's noise".
   */
  java.util.Optional<String> seedNoise() {
    List<String> parts = new ArrayList<>();
    for (Column column : table.columns()) {
      List<Cell> inColumn = cells.stream().filter(c -> c.column().equals(column.paperName()))
          .toList();
      double[] stds = inColumn.stream().filter(c -> c.oursStd() != null)
          .mapToDouble(Cell::oursStd).toArray();
      double[] paper = inColumn.stream().filter(c -> c.paper() != null)
          .mapToDouble(Cell::paper).toArray();
      if (stds.length < 2 || paper.length < 2) {
        continue;
      }
      double std = java.util.Arrays.stream(stds).average().orElseThrow();
      double spread = java.util.Arrays.stream(paper).max().orElseThrow()
          - java.util.Arrays.stream(paper).min().orElseThrow();
      parts.add(String.format(Locale.ROOT, "%s %.1f vs %.1f%s", column.paperName(), std, spread,
          std > spread ? " (below this scale's noise)" : ""));
    }
    return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("Seed noise "
        + "against the paper's differences, per column our mean seed std vs the spread of the "
        + "paper's rows: " + String.join("; ", parts) + ". Where the std is larger, the paper's "
        + "row order cannot show at this scale.");
  }

  /**
   * Table 5's claims are ratios: each row's time and memory over full finetuning's, ours beside
   * the paper's ("BitFit 0.71x / 0.67x time"), where both rows have our values.
   */
  java.util.Optional<String> costRatios() {
    List<Column> costs = table.columns().stream().filter(c -> c.measure().isCost()).toList();
    if (costs.isEmpty() || table.rows().isEmpty()) {
      return java.util.Optional.empty();
    }
    String base = table.rows().get(0).paperRow();
    List<String> parts = new ArrayList<>();
    for (Column column : costs) {
      Cell reference = cell(base, column.paperName());
      if (reference == null || !reference.hasOurs()) {
        continue;
      }
      List<String> rows = new ArrayList<>();
      for (RowSpec row : table.rows().subList(1, table.rows().size())) {
        Cell c = cell(row.paperRow(), column.paperName());
        if (c != null && c.hasOurs()) {
          String paperRatio = c.paper() != null && reference.paper() != null
              ? String.format(Locale.ROOT, "%.2f", c.paper() / reference.paper()) : "–";
          rows.add(String.format(Locale.ROOT, "%s %.2f (paper %s)", row.paperRow(),
              c.ours() / reference.ours(), paperRatio));
        }
      }
      if (!rows.isEmpty()) {
        parts.add(column.paperName() + ": " + String.join(", ", rows));
      }
    }
    return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("Over \""
        + base + "\", ours and the paper's: " + String.join("; ", parts) + ".");
  }

  private Cell cell(String row, String column) {
    return cells.stream().filter(c -> c.row().equals(row) && c.column().equals(column))
        .findFirst().orElse(null);
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    EncoderInfo ran = provenance.encoder();
    md.append(String.format(Locale.ROOT, "# Table %d (%s): %s, %s scale%s%n%n", table.number(),
        table.model().id(), table.title(), provenance.scale(), ran == null ? ""
            : ", run on " + ran.name() + " for the paper's " + table.model().id()));
    if (ran != null) {
      md.append(String.format(Locale.ROOT, "Encoder that ran: **%s** (%s), standing for the "
          + "paper's %s.%s%n%n", ran.name(), ran.shape(), table.model().id(),
          ran.sha256() == null ? "" : " Weights: `" + ran.path() + "`, sha256 " + ran.sha256()
              + "."));
    }
    md.append("Each cell: **ours** / paper (ours - paper). Ours: ").append(provenance.seeds())
        .append(provenance.seeds() > 1 ? " seeds, mean ± std" : " seed").append(
            provenance.sweep() ? ", best learning rate of Appendix C's grid" : "")
        .append(". Paper: the paper's published number, never ours.\n\n");
    if (table.pending()) {
      md.append("**Pending:** ").append(table.pendingReason()).append(".\n\n");
    }
    // Table 5 prints no parameter counts in the paper: no empty column for them
    boolean paperCounts = table.rows().stream()
        .anyMatch(r -> !paperParams(r.paperRow()).isEmpty());
    List<String> header = new ArrayList<>(List.of("Row", "# Params (ours, " + provenance.scale()
        + ")", "# Params (ours, " + table.model().id() + ")"));
    if (paperCounts) {
      header.add("# Params (paper)");
    }
    table.columns().forEach(c -> header.add(c.paperName()));
    Map<String, Map<String, PaperCell>> paperRows = paper.rows(String.valueOf(table.number()),
        table.model().id());
    boolean average = paperRows.values().stream().anyMatch(r -> r.containsKey("Avg"));
    if (average) {
      header.add("Avg.");
    }
    md.append("| ").append(String.join(" | ", header)).append(" |\n");
    md.append("|").append("---|".repeat(header.size())).append('\n');
    Map<String, long[]> counts = parameterCounts();
    List<String> notes = new ArrayList<>();
    for (RowSpec row : table.rows()) {
      List<String> line = new ArrayList<>();
      line.add(row.paperRow());
      long[] count = counts.get(row.paperRow());
      line.add(count == null ? "" : String.format(Locale.ROOT, "%,d", count[0]));
      line.add(count == null ? "" : String.format(Locale.ROOT, "%,d", count[1]));
      if (paperCounts) {
        line.add(paperParams(row.paperRow()));
      }
      for (Column column : table.columns()) {
        Cell cell = cells.stream().filter(c -> c.row().equals(row.paperRow())
            && c.column().equals(column.paperName())).findFirst().orElseThrow();
        line.add(format(cell, notes));
      }
      if (average) {
        List<Cell> mine = cells.stream().filter(c -> c.row().equals(row.paperRow())).toList();
        Double ours = mine.stream().allMatch(Cell::hasOurs)
            ? mine.stream().mapToDouble(Cell::ours).average().orElseThrow() : null;
        PaperCell avg = paperRows.getOrDefault(row.paperRow(), Map.of()).get("Avg");
        Double paperAvg = avg == null ? null : avg.value();
        line.add((ours == null ? "–" : "**" + number(ours, null) + "**") + " / "
            + (paperAvg == null ? "–" : number(paperAvg, null)));
      }
      md.append("| ").append(String.join(" | ", line)).append(" |\n");
    }
    if (!notes.isEmpty()) {
      md.append('\n');
      for (int i = 0; i < notes.size(); i++) {
        md.append("[").append(i + 1).append("] ").append(notes.get(i)).append("  \n");
      }
    }
    List<Cell> privateCells = cells.stream().filter(c -> c.privacy() != null).toList();
    if (!privateCells.isEmpty()) {
      md.append("\nPrivacy of the private cells (DP-SGD, Poisson sampling; epsilon as reached by "
          + "the run, sigma calibrated for exactly its q and T):  \n");
      for (Cell cell : privateCells) {
        md.append(cell.row()).append(" / ").append(cell.column()).append(": ")
            .append(cell.privacy()).append("  \n");
      }
    }
    Map<String, RankAgreement.Tau> taus = rankAgreement();
    md.append("\nRank agreement with the paper (Kendall's tau-b of our row order vs the paper's, "
        + "over the rows both have; two-sided permutation p-value; resolved below p "
        + RankAgreement.LEVEL + "): ");
    md.append(String.join("; ", taus.entrySet().stream().map(e -> e.getKey() + " "
        + e.getValue().describe()).toList()));
    md.append(".\n\nNotes:\n");
    for (String note : footnotes()) {
      md.append("- ").append(note).append('\n');
    }
    md.append(String.format(Locale.ROOT, "%nProvenance: commit %s%s; engine %s (%s) on %s; %s; "
        + "training time of the runs %.0f s; wall time of the reproduction %.0f s%s.%n",
        provenance.commit(), runCommits(), provenance.engine(), provenance.engineVersion(),
        provenance.device(), provenance.date(), provenance.trainingSeconds(),
        provenance.wallSeconds(), provenance.resumedRuns() == 0 ? ""
            : String.format(Locale.ROOT, " (%d of its %d runs resumed from earlier results, "
                + "trained by an earlier reproduction)", provenance.resumedRuns(),
                provenance.runs())));
    return md.toString();
  }

  /** ", runs trained at abc123 (40)": which code trained the cells, from each run's result. */
  private String runCommits() {
    java.util.Map<String, Integer> commits = provenance.runCommits();
    return commits == null || commits.isEmpty() ? "" : "; runs trained at " + String.join(", ",
        commits.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList());
  }

  private String paperParams(String row) {
    return paper.rows(String.valueOf(table.number()), table.model().id())
        .getOrDefault(row, Map.of()).values().stream().map(PaperCell::params)
        .filter(p -> p != null && !p.isEmpty()).findFirst().orElse("");
  }

  private static String format(Cell cell, List<String> notes) {
    String paper = cell.paper() == null ? "–" : number(cell.paper(), cell.paperStd());
    if (!cell.hasOurs()) {
      int index = notes.indexOf(cell.status());
      if (index < 0) {
        notes.add(cell.status());
        index = notes.size() - 1;
      }
      String label = cell.status().startsWith("no data") ? "no data"
          : cell.status().startsWith("failed") ? "failed" : "–";
      return label + " [" + (index + 1) + "] / " + paper;
    }
    String ours = "**" + number(cell.ours(), cell.oursStd()) + "**";
    Double diff = cell.difference();
    return ours + " / " + paper + (diff == null ? ""
        : String.format(Locale.ROOT, " (%+.1f)", diff));
  }

  private static String number(double value, Double std) {
    return std == null ? String.format(Locale.ROOT, "%.1f", value)
        : String.format(Locale.ROOT, "%.1f ± %.1f", value, std);
  }

  String csv() {
    StringBuilder csv = new StringBuilder("table,model,row,column,ours,ours_std,seeds,paper,"
        + "paper_std,difference,status\n");
    for (Cell c : cells) {
      csv.append(String.join(",", String.valueOf(table.number()), table.model().id(),
          quote(c.row()), quote(c.column()), num(c.ours()), num(c.oursStd()),
          String.valueOf(c.seeds()), num(c.paper()), num(c.paperStd()), num(c.difference()),
          quote(c.status()))).append('\n');
    }
    return csv.toString();
  }

  private static String num(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
