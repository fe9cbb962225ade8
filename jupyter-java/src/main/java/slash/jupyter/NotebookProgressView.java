package slash.jupyter;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import slash.core.train.ProgressView;

/**
 * A progress bar as one notebook output: the first update shows it ({@code display_data} with a
 * display id), later ones replace it ({@code update_display_data} with the same id). Updates closer
 * together than {@code minMillis} are held back, except the last step, and {@link #close} shows
 * whatever was held back, so the final state is always the one left in the notebook.
 */
public final class NotebookProgressView implements ProgressView {
  private static final Pattern TEXT_BAR = Pattern.compile("\\[[#.=>\\- ]*\\] ?");
  private final String id = UUID.randomUUID().toString();
  private final long minNanos;
  private boolean shown;
  private long lastNanos;
  private Map<String, Object> pending;

  /** A view that redraws at most once every {@code minMillis} milliseconds (0: every update). */
  public NotebookProgressView(long minMillis) {
    this.minNanos = minMillis * 1_000_000L;
  }

  /** The display id every update of this bar carries. */
  public String id() {
    return id;
  }

  @Override
  public synchronized void update(long done, long total, String line) {
    Map<String, Object> data = bundle(done, total, line);
    long now = System.nanoTime();
    if (!shown || done >= total || now - lastNanos >= minNanos) {
      publish(data, now);
    } else {
      pending = data;
    }
  }

  @Override
  public synchronized void close() {
    if (pending != null) {
      publish(pending, System.nanoTime());
    }
  }

  private void publish(Map<String, Object> data, long now) {
    Display.publish(data, Map.of(), id, shown);
    shown = true;
    lastNanos = now;
    pending = null;
  }

  static Map<String, Object> bundle(long done, long total, String line) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("text/html", String.format(Locale.ROOT,
        "<div style=\"font-family:monospace;white-space:pre-wrap\"><progress value=\"%d\" max=\"%d\""
            + " style=\"width:20em;vertical-align:middle\"></progress> %s</div>",
        done, Math.max(1, total), escape(TEXT_BAR.matcher(line).replaceFirst(""))));
    data.put("text/plain", line);
    return data;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
