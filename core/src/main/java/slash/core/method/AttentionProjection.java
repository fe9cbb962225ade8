package slash.core.method;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The three self-attention projections of a block, named as in Hugging Face's weights. */
public enum AttentionProjection {
  QUERY,
  KEY,
  VALUE;

  /** {@code query}, {@code key}, {@code value}: the weight name's part, and the JSON value. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static AttentionProjection parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown attention projection '" + name + "'; use "
          + Arrays.stream(values()).map(AttentionProjection::id).toList());
    }
  }
}
