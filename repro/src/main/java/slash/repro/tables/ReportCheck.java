package slash.repro.tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import slash.core.data.SentenceExample;
import slash.core.data.Split;
import slash.core.data.Task;
import slash.core.data.TaskFiles;
import slash.core.io.Json;
import slash.core.metrics.MetricName;

/**
 * The structure a regenerated results folder must have: every table's Markdown, CSV and JSON,
 * Figure 1 as PNG and SVG, and no failed cell. {@code mvn verify} runs it after the smoke tables.
 */
public final class ReportCheck {
  private ReportCheck() {}

  /** Problems found, one line each; empty when the folder is complete. */
  public static List<String> problems(Path results, List<String> stems) {
    List<String> problems = new ArrayList<>();
    for (String stem : stems) {
      List<String> extensions = stem.equals("figure1") ? List.of(".png", ".svg")
          : List.of(".md", ".csv", ".json");
      for (String extension : extensions) {
        Path file = results.resolve(stem + extension);
        try {
          if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            problems.add(file + " is missing or empty");
          }
        } catch (java.io.IOException e) {
          problems.add(file + ": " + e.getMessage());
        }
      }
      if (!stem.equals("figure1") && Files.isRegularFile(results.resolve(stem + ".json"))) {
        var cells = Json.read(results.resolve(stem + ".json"), com.fasterxml.jackson.databind
            .JsonNode.class).get("cells");
        for (var cell : cells) {
          String status = cell.get("status").asText();
          if (status.startsWith("failed") || status.equals("not run")) {
            problems.add(stem + " / " + cell.get("row").asText() + " / "
                + cell.get("column").asText() + ": " + status);
          }
        }
      }
    }
    return problems;
  }

  /**
   * The smoke gate's second half, that the methods learned: every SST-2 cell (the generated task
   * whose signal every method picks up at the smoke budget) must beat the majority class of the
   * dev examples it was scored on, and every other accuracy column's best row must too.
   * {@code majority}: per task, the majority class's share of those examples, in percent.
   */
  public static List<String> unlearned(Path results, List<String> stems,
      Map<Task, Double> majority) {
    List<String> problems = new ArrayList<>();
    for (String stem : stems) {
      Path file = results.resolve(stem + ".json");
      if (stem.equals("figure1") || !Files.isRegularFile(file)) {
        continue;
      }
      Map<String, Double> bestOfColumn = new LinkedHashMap<>();
      for (var cell : Json.read(file, com.fasterxml.jackson.databind.JsonNode.class)
          .get("cells")) {
        Task task = taskOf(cell.get("column").asText());
        var ours = cell.get("ours");
        if (task == null || !majority.containsKey(task) || ours == null || ours.isNull()) {
          continue;
        }
        double value = ours.asDouble();
        bestOfColumn.merge(cell.get("column").asText(), value, Math::max);
        if (task == Task.SST2 && value <= majority.get(task)) {
          problems.add(String.format(Locale.ROOT, "%s / %s / %s: %.1f is not above the "
              + "majority class (%.1f): the method did not learn", stem,
              cell.get("row").asText(), task.dirName(), value, majority.get(task)));
        }
      }
      bestOfColumn.forEach((column, best) -> {
        double floor = majority.get(taskOf(column));
        if (best <= floor) {
          problems.add(String.format(Locale.ROOT, "%s / %s: no row above the majority class "
              + "(best %.1f, majority %.1f)", stem, column, best, floor));
        }
      });
    }
    return problems;
  }

  /** The majority class's share (percent) of the first {@code limit} dev examples, per task. */
  public static Map<Task, Double> majorityAccuracy(Path dataDir, List<Task> tasks, int limit) {
    Map<Task, Double> out = new LinkedHashMap<>();
    for (Task task : tasks) {
      if (task.primaryMetric() != MetricName.ACCURACY
          || !TaskFiles.exists(dataDir, task, Split.DEV)) {
        continue;
      }
      List<SentenceExample> dev = TaskFiles.readSentences(dataDir, task, Split.DEV);
      dev = dev.subList(0, Math.min(limit, dev.size()));
      Map<Double, Integer> counts = new HashMap<>();
      dev.forEach(e -> counts.merge(e.label(), 1, Integer::sum));
      int top = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      out.put(task, dev.isEmpty() ? 0 : 100.0 * top / dev.size());
    }
    return out;
  }

  private static Task taskOf(String column) {
    try {
      return Task.parse(column);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
