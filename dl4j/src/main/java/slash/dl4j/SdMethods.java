package slash.dl4j;

import slash.core.config.MethodConfig;
import slash.core.model.EncoderConfig;

/** Method config to SameDiff adaptation. */
public final class SdMethods {
  private SdMethods() {}

  public static SdAdaptation create(MethodConfig method, EncoderConfig encoder) {
    return switch (method.method()) {
      case SLASH -> new SdSlash(encoder, method);
      case JR_WARP -> new SdJrWarp(encoder, method);
      case LINEAR -> new SdAdaptation() {
        @Override
        public java.util.List<String> trainableNames() {
          return java.util.List.of();
        }
      };
      default -> throw new UnsupportedOperationException("method '" + method.method().id()
          + "' is not available on the dl4j engine in this build");
    };
  }
}
