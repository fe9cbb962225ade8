package slash.repro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and positional arguments, with errors that name the option. */
final class Options {
  /** Options that take no value. */
  private static final Set<String> FLAGS = Set.of("sweep", "check");

  private final Map<String, String> named = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  Options(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--") && FLAGS.contains(arg.substring(2))) {
        named.put(arg.substring(2), "true");
      } else if (arg.startsWith("--")) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("option " + arg + " needs a value");
        }
        named.put(arg.substring(2), args.get(++i));
      } else {
        positional.add(arg);
      }
    }
  }

  String get(String name, String fallback) {
    return named.getOrDefault(name, fallback);
  }

  String get(String name) {
    return named.get(name);
  }

  double number(String name, double fallback) {
    String value = named.get(name);
    try {
      return value == null ? fallback : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, was '" + value + "'");
    }
  }

  int integer(String name, int fallback) {
    String value = named.get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be an integer, was '" + value
          + "'");
    }
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(named.getOrDefault(name, "false"));
  }

  Integer optionalInteger(String name) {
    return named.containsKey(name) ? integer(name, 0) : null;
  }

  List<String> positional() {
    return positional;
  }
}
