package slash.jupyter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import slash.core.train.ProgressBar;
import slash.core.train.ProgressView;

/**
 * Rich output from notebook code: Markdown, HTML, SVG and PNG images, and progress bars that update
 * in place. In the "Java (slash-repro)" kernel each call publishes a Jupyter {@code display_data}
 * message (an output of the running cell); outside a kernel (a test, the CLI) the text form is
 * printed to {@code System.out}, so code that calls this class runs anywhere.
 *
 * <pre>{@code
 * Display.markdown("| task | ours | paper |\n|---|---|---|\n| SST-2 | **83.4** | 94.2 |");
 * Display.png(Path.of("results/mini/figure1.png"));
 * var bar = Display.progress("epoch 1", steps);
 * for (...) { ...; bar.step("loss 0.41"); }   // one output, redrawn in place
 * }</pre>
 *
 * <p>Every output gets a display id; the returned {@link DisplayHandle} replaces it later
 * ({@code update_display_data}). The kernel shows nothing for a cell whose last expression is a
 * {@link DisplayHandle} or a {@link ProgressBar}: they have been shown already.
 *
 * <p>Outputs are published only while a cell runs (Jupyter ties each output to the request that
 * made it); a thread that keeps running after its cell finished cannot add outputs to it.
 */
public final class Display {
  private static volatile DisplaySink sink;

  private Display() {
  }

  /**
   * Routes displays to {@code newSink} (the kernel calls this once at start-up); null restores the
   * text fallback. Returns the sink it replaces.
   */
  public static DisplaySink install(DisplaySink newSink) {
    DisplaySink previous = sink;
    sink = newSink;
    return previous;
  }

  /** True inside the notebook kernel: outputs are rich; false: they are printed as text. */
  public static boolean inNotebook() {
    return sink != null;
  }

  /** Shows Markdown (GitHub-flavoured, tables included). */
  public static DisplayHandle markdown(String markdown) {
    return show(bundle("text/markdown", markdown, markdown));
  }

  /** Shows an HTML fragment. */
  public static DisplayHandle html(String html) {
    return show(bundle("text/html", html, html));
  }

  /** Shows plain text as an output of its own (not part of the stdout stream). */
  public static DisplayHandle text(String text) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("text/plain", text);
    return show(data);
  }

  /** Shows an SVG document given as text. */
  public static DisplayHandle svg(String svg) {
    return show(bundle("image/svg+xml", svg, "<SVG image, " + svg.length() + " characters>"));
  }

  /** Shows the SVG file at {@code file}. */
  public static DisplayHandle svg(Path file) {
    return show(bundle("image/svg+xml", readText(file), "<SVG image: " + file.getFileName() + ">"));
  }

  /** Shows the PNG file at {@code file}. */
  public static DisplayHandle png(Path file) {
    return png(readBytes(file), String.valueOf(file.getFileName()), 0);
  }

  /** Shows the PNG file at {@code file}, {@code width} pixels wide in the notebook. */
  public static DisplayHandle png(Path file, int width) {
    return png(readBytes(file), String.valueOf(file.getFileName()), width);
  }

  /** Shows PNG bytes. */
  public static DisplayHandle png(byte[] png) {
    return png(png, "bytes", 0);
  }

  /**
   * Shows a MIME bundle as it is: MIME type to content (text, or base64 for binary images). A
   * {@code text/plain} entry is what a text-only front end and the fallback print.
   */
  public static DisplayHandle show(Map<String, Object> data) {
    return show(data, Map.of());
  }

  /** Shows a MIME bundle with per-type metadata (e.g. {@code {"image/png": {"width": 480}}}). */
  public static DisplayHandle show(Map<String, Object> data, Map<String, Object> metadata) {
    DisplayHandle handle = new DisplayHandle(UUID.randomUUID().toString());
    publish(data, metadata, handle.id(), false);
    return handle;
  }

  /**
   * A progress bar of {@code total} steps (the CLI's {@link ProgressBar}), shown as one output
   * that every {@link ProgressBar#step} redraws in place (throttled to a few redraws a second);
   * outside a notebook it prints a line at every tenth, as the CLI's bar does in a log.
   */
  public static ProgressBar progress(String label, long total) {
    return new ProgressBar(label, total, progressView());
  }

  /** A bar's view: in the notebook kernel one output updated in place, else lines on stderr. */
  public static ProgressView progressView() {
    return inNotebook() ? new NotebookProgressView(200)
        : ProgressView.lines(new PrintWriter(System.err, true));
  }

  static void publish(Map<String, Object> data, Map<String, Object> metadata, String id, boolean update) {
    Objects.requireNonNull(data, "data");
    DisplaySink current = sink;
    if (current != null) {
      current.show(data, metadata == null ? Map.of() : metadata, id, update);
    } else {
      Object text = data.get("text/plain");
      System.out.println(text != null ? text : "<output of type " + String.join(", ", data.keySet()) + ">");
    }
  }

  private static DisplayHandle png(byte[] bytes, String name, int width) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("image/png", Base64.getEncoder().encodeToString(bytes));
    data.put("text/plain", String.format(Locale.ROOT, "<PNG image, %,d bytes: %s>", bytes.length, name));
    Map<String, Object> metadata = width > 0 ? Map.of("image/png", Map.of("width", width)) : Map.of();
    return show(data, metadata);
  }

  private static Map<String, Object> bundle(String type, String content, String text) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(type, Objects.requireNonNull(content, type));
    data.put("text/plain", text);
    return data;
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }

  private static String readText(Path file) {
    return new String(readBytes(file), StandardCharsets.UTF_8);
  }
}
