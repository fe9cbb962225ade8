package slash.core.config;

/** An impossible or incomplete configuration; the message names the field. */
public class ConfigException extends IllegalArgumentException {
  private final String field;

  public ConfigException(String field, String problem) {
    super("config field '" + field + "' " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
