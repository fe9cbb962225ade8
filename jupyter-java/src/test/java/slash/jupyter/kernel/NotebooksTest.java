package slash.jupyter.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The notebook harness: executes every {@code notebooks/*.ipynb} headless (nbclient, through
 * src/main/python/run_notebooks.py, the runner {@code ./slash notebook execute} uses) with this
 * build's kernel, a cell timeout of {@code -Dslash.notebooks.timeout} seconds (600), and fails if
 * any cell fails. The executed copies go to {@code target/notebooks/}; the committed notebooks are
 * never rewritten (the test checks they are byte for byte as before): they change only through
 * {@code ./slash notebook execute}. A failing notebook's partial run goes to
 * {@code target/notebooks-failed/}. {@code -Dslash.notebooks.only=02,04} runs only the notebooks
 * whose names start with one of those prefixes; {@code -Dslash.notebooks.skip=true} skips it; so
 * does a machine without Jupyter (naming the Debian packages). The notebooks read SST-2 from
 * {@code SLASH_DATA} (else {@code data/glue}, else generated smoke data), from the environment the
 * build runs in.
 */
class NotebooksTest {
  static final String RUNNER = "src/main/python/run_notebooks.py";

  @Test
  void everyNotebookRunsWithEveryCellSucceeding() throws Exception {
    assumeFalse(Boolean.getBoolean("slash.notebooks.skip"), "-Dslash.notebooks.skip=true");
    Jupyter.requirePython();
    Path dir = Jupyter.moduleDir().resolve("notebooks");
    List<String> only = Arrays.stream(System.getProperty("slash.notebooks.only", "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(dir)) {
      notebooks = files.filter(p -> p.getFileName().toString().endsWith(".ipynb"))
          .filter(p -> only.isEmpty()
              || only.stream().anyMatch(p.getFileName().toString()::startsWith))
          .sorted().toList();
    }
    assertFalse(notebooks.isEmpty(),
        "no notebooks in " + dir + (only.isEmpty() ? "" : " starting with " + only));

    ObjectMapper json = new ObjectMapper();
    long timeout = Long.getLong("slash.notebooks.timeout", 600);
    long codeCells = 0;
    Map<Path, byte[]> committed = new LinkedHashMap<>();
    for (Path nb : notebooks) {
      committed.put(nb, Files.readAllBytes(nb));
      for (JsonNode cell : json.readTree(nb.toFile()).get("cells")) {
        codeCells += cell.get("cell_type").asText().equals("code") ? 1 : 0;
      }
    }
    Path out = Jupyter.workDir().resolveSibling("notebooks");
    Files.createDirectories(out);
    for (Path nb : notebooks) { // no stale copy from an earlier run can pass for this one
      Files.deleteIfExists(out.resolve(nb.getFileName()));
    }
    List<String> args = new ArrayList<>(List.of("--kernel", KernelSpec.NAME,
        "--timeout", Long.toString(timeout), "--out", out.toString(),
        "--failed-dir", Jupyter.workDir().resolveSibling("notebooks-failed").toString()));
    notebooks.forEach(p -> args.add(p.toString()));
    Jupyter.Run run = Jupyter.python(Jupyter.moduleDir().resolve(RUNNER), args,
        timeout * (codeCells + 1) + 300);
    System.out.println(run.output().strip());
    for (Map.Entry<Path, byte[]> e : committed.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey() + " was rewritten by the test");
    }
    assertEquals(0, run.exit(), "a notebook failed:\n" + run.output());

    for (Path nb : notebooks) {
      Path executed = out.resolve(nb.getFileName());
      assertTrue(Files.isRegularFile(executed), "no executed copy of " + nb.getFileName() + " in " + out);
      int outputs = 0;
      for (JsonNode cell : json.readTree(executed.toFile()).get("cells")) {
        if (!cell.get("cell_type").asText().equals("code")) {
          continue;
        }
        assertTrue(cell.get("execution_count").isInt(), executed + ": a cell did not run");
        for (JsonNode output : cell.get("outputs")) {
          outputs++;
          assertFalse(output.get("output_type").asText().equals("error"),
              executed + " stores an error: " + output);
        }
      }
      assertTrue(outputs > 0, executed + " stores no outputs");
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

    // without --out, as ./slash notebook execute runs by default: a notebook is rewritten only if it runs clean
    Jupyter.Run run = Jupyter.python(Jupyter.moduleDir().resolve(RUNNER), List.of("--kernel", KernelSpec.NAME,
        "--timeout", "120", "--failed-dir", failedDir.toString(), file.toString()), 600);
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
