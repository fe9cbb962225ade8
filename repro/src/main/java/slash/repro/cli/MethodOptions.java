package slash.repro.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import slash.core.method.Knob;
import slash.core.method.MethodConfig;
import slash.methods.MethodEntry;
import slash.methods.MethodRegistry;

/**
 * Every method's options, generated from its config record: one option per {@link Knob}
 * component (typed as the component, default from the registry's defaults), shared by methods
 * that have a knob of the same name and type. A new method never edits the CLI.
 */
final class MethodOptions {
  /** The registered methods' names: {@code --method}'s help and shell completion list them. */
  static final class Ids implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return MethodRegistry.all().stream().map(MethodEntry::id).iterator();
    }
  }

  private final Map<String, OptionSpec> byName = new LinkedHashMap<>();
  private final Map<String, List<String>> methodsOf = new LinkedHashMap<>();

  /** Adds the knobs of every registered method to {@code spec}. */
  MethodOptions(CommandSpec spec) {
    Map<String, Class<?>> types = new LinkedHashMap<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (MethodEntry<?> entry : MethodRegistry.all()) {
      for (RecordComponent component : entry.type().getRecordComponents()) {
        Knob knob = component.getAnnotation(Knob.class);
        if (knob == null) {
          continue;
        }
        String name = optionName(component);
        Class<?> previous = types.putIfAbsent(name, component.getType());
        if (previous != null && previous != component.getType()) {
          throw new IllegalStateException("--" + name + " means two types: " + previous
              + " and " + component.getType() + "; rename one knob");
        }
        descriptions.putIfAbsent(name, knob.description());
        defaults.putIfAbsent(name, value(component, entry.defaults()));
        methodsOf.computeIfAbsent(name, n -> new ArrayList<>()).add(entry.id());
      }
    }
    types.forEach((name, type) -> {
      OptionSpec.Builder option = OptionSpec.builder("--" + name)
          .paramLabel(label(type))
          .description("[" + String.join(", ", methodsOf.get(name)) + "] "
              + descriptions.get(name) + " (default: " + show(defaults.get(name)) + ")");
      if (type == List.class) {
        option.type(List.class).auxiliaryTypes(elementType(name)).splitRegex(",");
      } else {
        option.type(type);
      }
      converter(type == List.class ? elementType(name) : type).ifPresent(option::converters);
      OptionSpec built = option.build();
      spec.addOption(built);
      byName.put(name, built);
    });
  }

  /**
   * The config of {@code entry} from the options given: each knob's value, or the registry's
   * default; a given option that {@code entry} does not have is an error naming its options.
   */
  MethodConfig config(MethodEntry<?> entry, ParseResult parsed) {
    List<String> own = new ArrayList<>();
    for (RecordComponent component : entry.type().getRecordComponents()) {
      own.add(optionName(component));
    }
    methodsOf.keySet().stream()
        .filter(name -> parsed.hasMatchedOption("--" + name) && !own.contains(name))
        .findFirst()
        .ifPresent(name -> {
          throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(),
              "--" + name + " does not apply to --method " + entry.id() + (own.isEmpty()
                  ? ", which has no options of its own"
                  : "; its options: --" + String.join(", --", own)));
        });
    RecordComponent[] components = entry.type().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = optionName(components[i]);
      types[i] = components[i].getType();
      values[i] = parsed.hasMatchedOption("--" + name)
          ? parsed.matchedOptionValue("--" + name, null) : value(components[i], entry.defaults());
    }
    try {
      Constructor<?> constructor = entry.type().getDeclaredConstructor(types);
      return (MethodConfig) constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime; // the record's own validation: a ConfigException naming the field
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(entry.type() + " has no canonical constructor", e);
    }
  }

  static String optionName(RecordComponent component) {
    Knob knob = component.getAnnotation(Knob.class);
    if (knob != null && !knob.option().isEmpty()) {
      return knob.option();
    }
    return component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private Class<?> elementType(String name) {
    for (MethodEntry<?> entry : MethodRegistry.all()) {
      for (RecordComponent component : entry.type().getRecordComponents()) {
        if (optionName(component).equals(name)
            && component.getGenericType() instanceof ParameterizedType list) {
          return (Class<?>) list.getActualTypeArguments()[0];
        }
      }
    }
    throw new IllegalStateException("--" + name + " is a list of what?");
  }

  private static Object value(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An enum's own {@code parse(String)} (aliases such as N and U), where it has one. */
  private static java.util.Optional<CommandLine.ITypeConverter<?>> converter(Class<?> type) {
    try {
      Method parse = type.getMethod("parse", String.class);
      if (Modifier.isStatic(parse.getModifiers()) && parse.getReturnType() == type) {
        return java.util.Optional.of(text -> {
          try {
            return parse.invoke(null, text);
          } catch (InvocationTargetException e) {
            throw new CommandLine.TypeConversionException(e.getCause().getMessage());
          }
        });
      }
    } catch (NoSuchMethodException e) {
      // no parse method: picocli's own conversion
    }
    return java.util.Optional.empty();
  }

  private static String label(Class<?> type) {
    if (type.isEnum()) {
      return "<" + String.join("|", java.util.Arrays.stream(type.getEnumConstants())
          .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).toList()) + ">";
    }
    return type == List.class ? "<a,b>" : "<" + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + ">";
  }

  private static String show(Object value) {
    if (value == null) {
      return "unset";
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(MethodOptions::show).toList());
    }
    if (value instanceof slash.core.method.AttentionProjection projection) {
      return projection.id();
    }
    return value instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : String.valueOf(value);
  }
}
