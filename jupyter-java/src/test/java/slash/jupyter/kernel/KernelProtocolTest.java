package slash.jupyter.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel as Jupyter sees it: started from this build's kernelspec by {@code jupyter_client}
 * (src/test/python/kernel_driver.py), one session of cells, every IOPub message checked. Skipped,
 * naming the Debian packages, where Jupyter is not installed.
 */
class KernelProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CELLS = new ArrayList<>();
  private static JsonNode result;
  private static Path png;

  private static int step(String code) {
    CELLS.add(code);
    return CELLS.size() - 1;
  }

  private static final int SUM = step("1 + 1");
  private static final int CLASS = step("""
      class Counter {
        private int n;

        int inc() {
          return ++n;
        }
      }""");
  private static final int USE = step("var c = new Counter();\nc.inc();\nc.inc()");
  private static final int STREAM = step("""
      for (int i = 0; i < 3; i++) {
        System.out.println("tick " + i);
        Thread.sleep(300);
      }
      System.err.println("done");""");
  private static final int ERROR = step("""
      int y = 2;
      throw new IllegalArgumentException("bad value " + y);""");
  private static final int COMPILE = step("int ok = 1;\nint z = undefinedThing;");
  private static final int PROGRESS = step("""
      var bar = Display.progress("train", 5);
      for (int i = 0; i < 5; i++) {
        Thread.sleep(250);
        bar.step("loss " + (5 - i));
      }
      bar.close();""");
  private static final int INTERRUPT = step("Thread.sleep(60_000);");
  private static final int AFTER = step("1 + 2");
  private static final int PROJECT = step("import slash.repro.Cli;\nCli.class.getSimpleName()");
  private static final int NATIVES = step("""
      import ai.djl.ndarray.NDManager;
      float djl;
      try (var m = NDManager.newBaseManager()) {
        djl = m.create(new float[] {1, 2, 3}).sum().getFloat();
      }
      djl + org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 2, 3}).sumNumber().floatValue()""");
  private static final int IMAGE = step("new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)");
  private static int display;
  private static int complete;
  private static int inspect;

  @BeforeAll
  static void start() throws Exception {
    if (!Jupyter.available()) {
      return; // every test is skipped (requireJupyter), with the packages to install
    }
    Path work = Files.createDirectories(Jupyter.workDir());
    png = work.resolve("red-dot.png");
    BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 1, 0xff0000);
    ImageIO.write(image, "png", png.toFile());

    ObjectNode spec = JSON.createObjectNode();
    spec.put("kernel", KernelSpec.NAME);
    spec.put("timeout", 120);
    ArrayNode steps = spec.putArray("steps");
    for (int i = 0; i < CELLS.size(); i++) {
      ObjectNode s = steps.addObject().put("execute", CELLS.get(i));
      if (i == INTERRUPT) {
        s.put("interrupt_after", 1.5);
      }
    }
    display = steps.size();
    steps.addObject().put("execute", "Display.png(Path.of(\"" + png.toString().replace("\\", "\\\\")
        + "\"));\nDisplay.markdown(\"**bold** and a | table |\");");
    complete = steps.size();
    steps.addObject().put("complete", "int n = 1;\nStri").put("cursor", 15);
    inspect = steps.size();
    steps.addObject().put("inspect", "Math.max(1, 2)").put("cursor", 6);

    Path specFile = work.resolve("driver-spec.json");
    Path resultFile = work.resolve("driver-result.json");
    Files.deleteIfExists(resultFile);
    JSON.writeValue(specFile.toFile(), spec);
    Path driver = Jupyter.moduleDir().resolve("src/test/python/kernel_driver.py");
    Jupyter.Run run = Jupyter.python(driver, List.of(specFile.toString(), resultFile.toString()), 300);
    assertEquals(0, run.exit(), "kernel_driver.py failed:\n" + run.output());
    result = JSON.readTree(resultFile.toFile());
  }

  @BeforeEach
  void requireJupyter() {
    Jupyter.requirePython();
  }

  private static JsonNode reply(int step) {
    return result.get("steps").get(step).get("reply");
  }

  private static List<JsonNode> outputs(int step, String type) {
    return StreamSupport.stream(result.get("steps").get(step).get("outputs").spliterator(), false)
        .filter(o -> o.get("msg_type").asText().equals(type))
        .map(o -> o.get("content"))
        .toList();
  }

  private static String streamText(int step, String name) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode s : outputs(step, "stream")) {
      if (s.get("name").asText().equals(name)) {
        sb.append(s.get("text").asText());
      }
    }
    return sb.toString();
  }

  private static String resultText(int step) {
    List<JsonNode> results = outputs(step, "execute_result");
    assertEquals(1, results.size(), () -> "one execute_result: " + result.get("steps").get(step));
    return results.get(0).get("data").get("text/plain").asText();
  }

  private static String traceback(JsonNode error) {
    List<String> lines = new ArrayList<>();
    error.get("traceback").forEach(l -> lines.add(l.asText()));
    return String.join("\n", lines);
  }

  @Test
  void kernelInfo() {
    JsonNode language = result.get("kernel_info").get("language_info");
    assertEquals("java", language.get("name").asText());
    assertEquals(Integer.toString(Runtime.version().feature()), language.get("version").asText());
  }

  @Test
  void anExpressionIsTheExecuteResult() {
    assertEquals("ok", reply(SUM).get("status").asText());
    assertEquals("2", resultText(SUM));
    assertEquals("3", resultText(AFTER));
  }

  @Test
  void aMultiLineClassThenItsUse() {
    assertEquals("ok", reply(CLASS).get("status").asText());
    assertTrue(outputs(CLASS, "execute_result").isEmpty(), "a declaration has no result");
    assertEquals("ok", reply(USE).get("status").asText());
    assertEquals("2", resultText(USE));
  }

  @Test
  void stdoutAndStderrAreStreamedLineByLine() {
    assertEquals("ok", reply(STREAM).get("status").asText());
    assertEquals("tick 0\ntick 1\ntick 2\n", streamText(STREAM, "stdout"));
    assertEquals("done\n", streamText(STREAM, "stderr"));
    long stdoutMessages = outputs(STREAM, "stream").stream()
        .filter(s -> s.get("name").asText().equals("stdout")).count();
    assertEquals(3, stdoutMessages, "one message per line, sent while the cell runs");
  }

  @Test
  void anExceptionIsAnErrorWithTheCellLine() {
    JsonNode reply = reply(ERROR);
    assertEquals("error", reply.get("status").asText());
    assertEquals("java.lang.IllegalArgumentException", reply.get("ename").asText());
    assertEquals("bad value 2", reply.get("evalue").asText());
    List<JsonNode> errors = outputs(ERROR, "error");
    assertEquals(1, errors.size());
    int count = reply.get("execution_count").asInt();
    String trace = traceback(errors.get(0));
    assertTrue(trace.contains("java.lang.IllegalArgumentException: bad value 2"), trace);
    assertTrue(trace.contains("In [" + count + "] line 2: throw new IllegalArgumentException(\"bad value \" + y);"),
        trace);
  }

  @Test
  void aCompileErrorNamesTheLine() {
    JsonNode reply = reply(COMPILE);
    assertEquals("error", reply.get("status").asText());
    assertEquals("CompilationError", reply.get("ename").asText());
    int count = reply.get("execution_count").asInt();
    assertTrue(reply.get("evalue").asText().startsWith("In [" + count + "] line 2: cannot find symbol"),
        reply.get("evalue").asText());
    assertTrue(traceback(outputs(COMPILE, "error").get(0)).contains("^^^^^^^^^^^^^^"));
  }

  @Test
  void pngAndMarkdownDisplays() throws Exception {
    assertEquals("ok", reply(display).get("status").asText());
    List<JsonNode> displays = outputs(display, "display_data");
    assertEquals(2, displays.size(), displays::toString);
    byte[] shown = Base64.getDecoder().decode(displays.get(0).get("data").get("image/png").asText());
    assertArrayEquals(Files.readAllBytes(png), shown);
    assertEquals("**bold** and a | table |", displays.get(1).get("data").get("text/markdown").asText());
    assertTrue(outputs(display, "execute_result").isEmpty(), "a display handle is not shown twice");
  }

  @Test
  void anImageValueIsShownAsAnImage() {
    List<JsonNode> results = outputs(IMAGE, "execute_result");
    assertEquals(1, results.size(), () -> result.get("steps").get(IMAGE).toString());
    byte[] bytes = Base64.getDecoder().decode(results.get(0).get("data").get("image/png").asText());
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
  }

  @Test
  void theProgressBarUpdatesOneDisplayInPlace() {
    assertEquals("ok", reply(PROGRESS).get("status").asText());
    List<JsonNode> shown = outputs(PROGRESS, "display_data");
    List<JsonNode> updates = outputs(PROGRESS, "update_display_data");
    assertEquals(1, shown.size(), "one output");
    String id = shown.get(0).get("transient").get("display_id").asText();
    assertFalse(id.isEmpty());
    assertTrue(updates.size() >= 3, "updates: " + updates.size());
    for (JsonNode u : updates) {
      assertEquals(id, u.get("transient").get("display_id").asText());
    }
    String last = updates.get(updates.size() - 1).get("data").get("text/plain").asText();
    assertTrue(last.startsWith("train [########################] 5/5"), last);
    assertTrue(last.endsWith("loss 1"), last);
    assertTrue(updates.get(updates.size() - 1).get("data").get("text/html").asText()
        .contains("<progress value=\"5\" max=\"5\""));
    assertTrue(outputs(PROGRESS, "stream").isEmpty(), "no text lines");
  }

  @Test
  void anInterruptStopsTheCellAndTheKernelLivesOn() {
    JsonNode reply = reply(INTERRUPT);
    assertEquals("error", reply.get("status").asText());
    assertEquals("Interrupted", reply.get("ename").asText());
    double seconds = result.get("steps").get(INTERRUPT).get("seconds").asDouble();
    assertTrue(seconds < 30, "interrupt took " + seconds + " s");
    assertEquals("3", resultText(AFTER));
  }

  @Test
  void theProjectsClassesImport() {
    assertEquals("ok", reply(PROJECT).get("status").asText(), () -> reply(PROJECT).toString());
    assertEquals("Cli", resultText(PROJECT));
  }

  @Test
  void libtorchAndNd4jNativesLoadInTheKernel() {
    assertEquals("ok", reply(NATIVES).get("status").asText(), () -> result.get("steps").get(NATIVES).toString());
    assertEquals("12.0", resultText(NATIVES));
  }

  @Test
  void completionAndInspection() {
    JsonNode c = reply(complete);
    assertEquals("ok", c.get("status").asText());
    List<String> matches = new ArrayList<>();
    c.get("matches").forEach(m -> matches.add(m.asText()));
    assertTrue(matches.contains("String"), matches.toString());
    assertEquals(11, c.get("cursor_start").asInt());
    JsonNode i = reply(inspect);
    assertEquals("ok", i.get("status").asText());
    assertTrue(i.get("found").asBoolean(), i.toString());
    assertTrue(i.get("data").get("text/plain").asText().contains("max("), i.toString());
  }
}
