package slash.core.config;

import java.util.Arrays;
import java.util.Locale;

/** Every adaptation method of the paper, ours and the baselines. */
public enum Method {
  SLASH("slash"),
  JR_WARP("jr-warp"),
  FULL("full"),
  LINEAR("linear"),
  BITFIT("bitfit"),
  LORA("lora"),
  ADAPTER("adapter"),
  WARP("warp");

  private final String id;

  Method(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** SLaSh and JR-WARP use z and the seeded projections. */
  public boolean usesProjections() {
    return this == SLASH || this == JR_WARP;
  }

  public static Method parse(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Method method : values()) {
      if (method.id.equals(wanted) || method.id.replace("-", "").equals(wanted)) {
        return method;
      }
    }
    throw new IllegalArgumentException("unknown method '" + name + "'; known methods: "
        + Arrays.stream(values()).map(Method::id).toList());
  }
}
