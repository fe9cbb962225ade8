package slash.dl4j;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;

/**
 * A method whose trainable variables are exactly the new tensors of its layout, with the config's
 * initial values (the same as on DJL); subclasses add only their hooks.
 */
public abstract class SdLayoutAdaptation implements SdAdaptation {
  protected final MethodConfig method;
  protected final EncoderConfig encoder;
  private final long seed;
  private final Map<String, long[]> layout;
  protected SameDiff sd;

  protected SdLayoutAdaptation(MethodConfig method, EncoderConfig encoder, long seed) {
    method.validate(encoder);
    this.method = method;
    this.encoder = encoder;
    this.seed = seed;
    this.layout = method.newTensors(encoder);
  }

  @Override
  public void begin(SameDiff graph) {
    this.sd = graph;
    layout.forEach((name, shape) -> graph.var(name,
        Nd4j.create(method.initialValues(name, shape, seed), shape, 'c')));
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
