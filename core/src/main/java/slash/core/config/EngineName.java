package slash.core.config;

import java.util.Locale;

/** The two parallel implementations. */
public enum EngineName {
  DJL,
  DL4J;

  public static EngineName parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown engine '" + name + "'; use djl or dl4j");
    }
  }
}
