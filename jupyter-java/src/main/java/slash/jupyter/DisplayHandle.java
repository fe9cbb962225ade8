package slash.jupyter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One output shown by {@link Display}; its methods replace that output in place (Jupyter
 * {@code update_display_data} with the output's display id), wherever it is shown.
 */
public final class DisplayHandle {
  private final String id;

  DisplayHandle(String id) {
    this.id = id;
  }

  /** The Jupyter display id. */
  public String id() {
    return id;
  }

  /** Replaces the output with Markdown. */
  public void markdown(String markdown) {
    update(bundle("text/markdown", markdown, markdown), Map.of());
  }

  /** Replaces the output with HTML. */
  public void html(String html) {
    update(bundle("text/html", html, html), Map.of());
  }

  /** Replaces the output with plain text. */
  public void text(String text) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("text/plain", text);
    update(data, Map.of());
  }

  /** Replaces the output with a MIME bundle (see {@link Display#show(Map, Map)}). */
  public void update(Map<String, Object> data, Map<String, Object> metadata) {
    Display.publish(data, metadata, id, true);
  }

  private static Map<String, Object> bundle(String type, String content, String text) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(type, content);
    data.put("text/plain", text);
    return data;
  }

  @Override
  public String toString() {
    return "display " + id;
  }
}
