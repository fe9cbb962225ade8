package slash.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * One configured JSON mapper for configs, results and checkpoint metadata. Polymorphic types
 * (the method configs) are read back by the names their own module registers, through {@link
 * Subtypes}: this class names no type of the project, so everything may use it.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  /**
   * Subtypes read back by their JSON name, from a module core cannot see: implemented once per
   * module (the method registry), listed in {@code META-INF/services/slash.core.io.Json$Subtypes}.
   */
  public interface Subtypes {
    Map<String, Class<?>> subtypes();
  }

  static {
    ServiceLoader.load(Subtypes.class).forEach(s -> s.subtypes().forEach(Json::registerSubtype));
  }

  private Json() {}

  /** Lets values of {@code type} be read back by their JSON name (tests register by hand). */
  public static void registerSubtype(String name, Class<?> type) {
    MAPPER.registerSubtypes(new NamedType(type, name));
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
    }
  }

  /** Compact (unindented) UTF-8 JSON, for binary headers. */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
    }
  }

  /** Compact single-line JSON text. */
  public static String bytesAsString(Object value) {
    return new String(bytes(value), java.nio.charset.StandardCharsets.UTF_8);
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "' in "
          + type.getSimpleName() + " JSON; known fields: " + e.getKnownPropertyIds(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad " + type.getSimpleName() + " JSON: "
          + e.getOriginalMessage() + " at " + e.getLocation(), e);
    }
  }

  public static <T> T read(Path file, Class<T> type) {
    try {
      return read(java.nio.file.Files.readString(file), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public static void writeAtomically(Path file, Object value) {
    AtomicFiles.writeString(file, write(value) + "\n");
  }
}
