package slash.core.config;

/** An impossible or incomplete configuration; the message names the field. */
public class ConfigException extends IllegalArgumentException {
  private final String field;

  public ConfigException(String field, String problem) {
    super("config field '" + field + "' " + problem);
    this.field = field;
  }

  /** Throws for {@code field} unless {@code ok}: the config records' one-line checks. */
  static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new ConfigException(field, problem);
    }
  }

  public String field() {
    return field;
  }
}
