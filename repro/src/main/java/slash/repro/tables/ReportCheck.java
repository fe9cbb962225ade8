package slash.repro.tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import slash.core.io.Json;

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
}
