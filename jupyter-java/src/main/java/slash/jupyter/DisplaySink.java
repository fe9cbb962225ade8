package slash.jupyter;

import java.util.Map;

/**
 * Where {@link Display} sends a MIME bundle. The kernel installs one ({@link Display#install}) that
 * publishes Jupyter {@code display_data} and {@code update_display_data} messages on IOPub; outside a
 * kernel there is none and {@link Display} prints a text form instead.
 */
public interface DisplaySink {

  /**
   * Shows a new output, or replaces the one shown earlier under the same id.
   *
   * @param data MIME type to content: text for {@code text/*} and SVG, base64 for binary images
   * @param metadata per-MIME-type metadata (e.g. image width), may be empty
   * @param displayId the id that later updates name
   * @param update false for a new output ({@code display_data}), true to replace the output with
   *     this id wherever it is shown ({@code update_display_data})
   */
  void show(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update);
}
