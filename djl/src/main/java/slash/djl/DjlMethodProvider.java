package slash.djl;

import ai.djl.ndarray.NDManager;
import java.util.Set;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.model.EncoderConfig;

/**
 * Adaptations that live outside this module (the baselines), found with {@link
 * java.util.ServiceLoader}: a jar on the class path lists its provider in {@code
 * META-INF/services/slash.djl.DjlMethodProvider}.
 */
public interface DjlMethodProvider {
  Set<Method> methods();

  Adaptation create(MethodConfig method, EncoderConfig encoder, long seed, NDManager manager);
}
