package slash.dl4j;

import java.util.Set;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.model.EncoderConfig;

/**
 * Adaptations that live outside this module (the baselines), found with {@link
 * java.util.ServiceLoader} through {@code META-INF/services/slash.dl4j.SdMethodProvider}.
 */
public interface SdMethodProvider {
  Set<Method> methods();

  SdAdaptation create(MethodConfig method, EncoderConfig encoder, long seed);
}
