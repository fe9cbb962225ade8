package slash.jupyter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.train.ProgressBar;
import slash.core.train.ProgressView;

/** The display API and the progress views, against a recording sink (no kernel). */
class DisplayTest {
  record Shown(Map<String, Object> data, Map<String, Object> metadata, String id, boolean update) {
  }

  private final List<Shown> shown = new ArrayList<>();

  private void record() {
    Display.install((data, metadata, id, update) -> shown.add(new Shown(data, metadata, id, update)));
  }

  @AfterEach
  void uninstall() {
    Display.install(null);
  }

  @Test
  void markdownHtmlAndImagesBecomeMimeBundles(@TempDir Path dir) throws Exception {
    record();
    Path png = dir.resolve("x.png");
    byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    Files.write(png, bytes);
    DisplayHandle md = Display.markdown("# Title");
    Display.html("<b>x</b>");
    Display.png(png, 300);
    Display.svg("<svg/>");
    assertEquals(4, shown.size());
    assertEquals("# Title", shown.get(0).data().get("text/markdown"));
    assertEquals(md.id(), shown.get(0).id());
    assertFalse(shown.get(0).update());
    assertEquals("<b>x</b>", shown.get(1).data().get("text/html"));
    assertArrayEquals(bytes, Base64.getDecoder().decode((String) shown.get(2).data().get("image/png")));
    assertEquals(Map.of("image/png", Map.of("width", 300)), shown.get(2).metadata());
    assertEquals("<PNG image, 7 bytes: x.png>", shown.get(2).data().get("text/plain"));
    assertEquals("<svg/>", shown.get(3).data().get("image/svg+xml"));

    md.markdown("# New title");
    Shown update = shown.get(4);
    assertTrue(update.update());
    assertEquals(md.id(), update.id());
    assertEquals("# New title", update.data().get("text/markdown"));
  }

  @Test
  void outsideANotebookTheTextIsPrinted() {
    assertFalse(Display.inNotebook());
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Display.markdown("| a | b |");
      Display.png(new byte[10]);
    } finally {
      System.setOut(original);
    }
    assertEquals("| a | b |\n<PNG image, 10 bytes: bytes>\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aNotebookProgressBarIsOneDisplayUpdatedInPlace() {
    record();
    try (ProgressBar bar = new ProgressBar("epoch 1", 4, new NotebookProgressView(0))) {
      for (int i = 0; i < 4; i++) {
        bar.step("loss " + i);
      }
    }
    assertEquals(4, shown.size());
    String id = shown.get(0).id();
    assertFalse(shown.get(0).update());
    for (Shown s : shown.subList(1, 4)) {
      assertTrue(s.update());
      assertEquals(id, s.id());
    }
    String last = (String) shown.get(3).data().get("text/plain");
    assertTrue(last.startsWith("epoch 1 [########################] 4/4 "), last);
    assertTrue(last.endsWith("loss 3"), last);
    assertTrue(((String) shown.get(3).data().get("text/html")).contains("<progress value=\"4\" max=\"4\""));
  }

  @Test
  void throttlingHoldsUpdatesBackButNeverTheLastState() {
    record();
    NotebookProgressView view = new NotebookProgressView(60_000);
    ProgressBar bar = new ProgressBar("fast", 1000, view);
    for (int i = 0; i < 999; i++) {
      bar.step();
    }
    assertEquals(1, shown.size(), "only the first update within the interval");
    bar.close();
    assertEquals(2, shown.size(), "close shows what was held back");
    assertTrue(((String) shown.get(1).data().get("text/plain")).contains("999/1000"));
    bar.step();
    assertEquals(3, shown.size(), "the last step always shows");
    assertTrue(((String) shown.get(2).data().get("text/plain")).contains("1000/1000"));
  }

  @Test
  void theTextViewPrintsATenthAtATime() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar("log", 100, ProgressView.lines(
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true)));
    for (int i = 0; i < 100; i++) {
      bar.step("s");
    }
    bar.close();
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(11, lines.size(), lines::toString); // steps 1, 10, 20, ..., 100
    assertTrue(lines.get(10).contains("100/100"));
  }
}
