package slash.core.method;

import java.util.Map;
import java.util.ServiceLoader;

/**
 * The JSON names of the method configs. Core cannot see the module that lists the methods, so it
 * finds that list (the method registry) through one service entry, {@code
 * META-INF/services/slash.core.method.MethodTypes$Catalog}; tests may register a type by hand.
 */
public final class MethodTypes {
  /** Every method config type by its JSON name: implemented once, by the method registry. */
  public interface Catalog {
    Map<String, Class<? extends MethodConfig>> types();
  }

  private MethodTypes() {}

  /** The registry's types, or none when it is not on the class path (core's own tests). */
  public static Map<String, Class<? extends MethodConfig>> discovered() {
    Map<String, Class<? extends MethodConfig>> all = new java.util.LinkedHashMap<>();
    for (Catalog catalog : ServiceLoader.load(Catalog.class)) {
      all.putAll(catalog.types());
    }
    return all;
  }
}
