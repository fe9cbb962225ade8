package slash.baselines.dl4j;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.config.MethodConfig;
import slash.core.method.ParameterInit;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;
import slash.dl4j.SdAdaptation;

/**
 * A baseline whose trainable variables are exactly its {@link TrainableLayout}, initialised by
 * {@link ParameterInit} (the same values as on DJL); subclasses add only their hooks.
 */
abstract class SdLayoutAdaptation implements SdAdaptation {
  protected final MethodConfig method;
  protected final EncoderConfig encoder;
  private final long seed;
  private final Map<String, long[]> layout;
  protected SameDiff sd;

  SdLayoutAdaptation(MethodConfig method, EncoderConfig encoder, long seed) {
    this.method = method;
    this.encoder = encoder;
    this.seed = seed;
    this.layout = TrainableLayout.of(method, encoder);
  }

  @Override
  public void beginGraph(SameDiff graph) {
    this.sd = graph;
    layout.forEach((name, shape) -> graph.var(name,
        Nd4j.create(ParameterInit.values(method, name, shape, seed), shape, 'c')));
  }

  protected SDVariable variable(String name) {
    return sd.getVariable(name);
  }

  /** rows [N, in] times weight [out, in] transposed, plus bias [out]. */
  protected SDVariable linearRows(SDVariable rows, String weight, String bias) {
    return sd.mmul(rows, variable(weight), false, true, false).add(variable(bias));
  }

  @Override
  public List<String> trainableNames() {
    return List.copyOf(layout.keySet());
  }
}
