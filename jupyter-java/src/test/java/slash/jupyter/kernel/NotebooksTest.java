package slash.jupyter.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The notebook harness: executes every {@code notebooks/*.ipynb} headless (nbclient, through
 * src/test/python/run_notebooks.py) with this build's kernel, a cell timeout of
 * {@code -Dslash.notebooks.timeout} seconds (600), and fails if any cell fails. A notebook that
 * runs clean is rewritten with its outputs, so the committed notebooks show what this build
 * computes; one that fails is left as it was and its partial run goes to
 * {@code target/notebooks-failed/}. {@code -Dslash.notebooks.skip=true} skips it; so does a machine
 * without Jupyter (naming the Debian packages).
 */
class NotebooksTest {

  @Test
  void everyNotebookRunsWithEveryCellSucceeding() throws Exception {
    assumeFalse(Boolean.getBoolean("slash.notebooks.skip"), "-Dslash.notebooks.skip=true");
    Jupyter.requirePython();
    Path dir = Jupyter.moduleDir().resolve("notebooks");
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(dir)) {
      notebooks = files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
    }
    assertFalse(notebooks.isEmpty(), "no notebooks in " + dir);

    ObjectMapper json = new ObjectMapper();
    long timeout = Long.getLong("slash.notebooks.timeout", 600);
    long codeCells = 0;
    for (Path nb : notebooks) {
      for (JsonNode cell : json.readTree(nb.toFile()).get("cells")) {
        codeCells += cell.get("cell_type").asText().equals("code") ? 1 : 0;
      }
    }
    List<String> args = new ArrayList<>(List.of("--kernel", KernelSpec.NAME,
        "--timeout", Long.toString(timeout),
        "--failed-dir", Jupyter.workDir().resolveSibling("notebooks-failed").toString()));
    notebooks.forEach(p -> args.add(p.toString()));
    Path script = Jupyter.moduleDir().resolve("src/test/python/run_notebooks.py");
    Jupyter.Run run = Jupyter.python(script, args, timeout * (codeCells + 1) + 300);
    System.out.println(run.output().strip());
    assertEquals(0, run.exit(), "a notebook failed:\n" + run.output());

    for (Path nb : notebooks) {
      for (JsonNode cell : json.readTree(nb.toFile()).get("cells")) {
        if (!cell.get("cell_type").asText().equals("code")) {
          continue;
        }
        assertTrue(cell.get("execution_count").isInt(), nb.getFileName() + ": a cell did not run");
        for (JsonNode output : cell.get("outputs")) {
          assertFalse(output.get("output_type").asText().equals("error"),
              nb.getFileName() + " stores an error: " + output);
        }
      }
    }
  }

  @Test
  void aFailingCellFailsTheRunAndLeavesTheNotebookAsItWas() throws Exception {
    Jupyter.requirePython();
    ObjectMapper json = new ObjectMapper();
    ObjectNode nb = json.createObjectNode();
    ArrayNode cells = nb.putArray("cells");
    for (String code : List.of("int x = 41;", "x + 1", "throw new IllegalStateException(\"on purpose \" + x);",
        "System.out.println(\"never\");")) {
      ObjectNode cell = cells.addObject();
      cell.put("cell_type", "code").putNull("execution_count");
      cell.putObject("metadata");
      cell.putArray("outputs");
      cell.put("source", code);
    }
    ObjectNode metadata = nb.putObject("metadata");
    metadata.putObject("kernelspec").put("name", KernelSpec.NAME)
        .put("display_name", KernelSpec.DISPLAY_NAME).put("language", "java");
    nb.put("nbformat", 4).put("nbformat_minor", 4);
    Path dir = Files.createDirectories(Jupyter.workDir().resolve("failing"));
    Path file = dir.resolve("failing.ipynb");
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), nb);
    String before = Files.readString(file);
    Path failedDir = dir.resolve("failed");

    Path script = Jupyter.moduleDir().resolve("src/test/python/run_notebooks.py");
    Jupyter.Run run = Jupyter.python(script, List.of("--kernel", KernelSpec.NAME, "--timeout", "120",
        "--failed-dir", failedDir.toString(), file.toString()), 600);
    assertEquals(1, run.exit(), run.output());
    assertTrue(run.output().contains("on purpose 41"), run.output());
    assertTrue(run.output().contains("In [3] line 1"), run.output());
    assertEquals(before, Files.readString(file), "a failed notebook is not rewritten");
    JsonNode partial = json.readTree(failedDir.resolve("failing.ipynb").toFile());
    JsonNode text = partial.get("cells").get(1).get("outputs").get(0).get("data").get("text/plain");
    StringBuilder value = new StringBuilder(); // nbformat stores text as one string or a list of lines
    if (text.isArray()) {
      text.forEach(line -> value.append(line.asText()));
    } else {
      value.append(text.asText());
    }
    assertEquals("42", value.toString());
    assertTrue(partial.get("cells").get(3).get("outputs").isEmpty(), "no cell runs after the failure");
  }
}
