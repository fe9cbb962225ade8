package slash.repro.toymethod;

import java.util.List;
import slash.djl.DjlAdaptation;
import slash.dl4j.SdAdaptation;
import slash.methods.MethodEntry;
import slash.methods.MethodProvider;
import slash.methods.RateFamily;

/** The throw-away method's registration: {@code META-INF/services/slash.methods.MethodProvider}. */
public final class TopBiasMethod implements MethodProvider {
  @Override
  public List<MethodEntry<?>> methods() {
    return List.of(new MethodEntry<>("top-bias", "top-block BitFit", TopBiasConfig.class,
        new TopBiasConfig(1), (config, encoder, seed, manager) -> DjlAdaptation.none(),
        (config, encoder, seed) -> SdAdaptation.none(), MethodEntry.Role.BASELINE,
        RateFamily.BIASES, new TopBiasConfig(1)));
  }
}
