package slash.baselines.dl4j;

import org.nd4j.autodiff.samediff.SDVariable;
import slash.core.config.MethodConfig;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;

/** Houlsby adapters on SameDiff, the twin of the DJL baseline: a + up(swish(down(a))). */
final class SdAdapter extends SdLayoutAdaptation {
  SdAdapter(MethodConfig method, EncoderConfig encoder, long seed) {
    super(method, encoder, seed);
  }

  @Override
  public SDVariable attentionOutput(int layer, SDVariable activation) {
    return adapt(layer, "attention.output", activation);
  }

  @Override
  public SDVariable output(int layer, SDVariable activation) {
    return adapt(layer, "output", activation);
  }

  private SDVariable adapt(int layer, String site, SDVariable a) {
    SDVariable rows = a.reshape(-1, encoder.hidden());
    SDVariable down = linearRows(rows, TrainableLayout.adapter(layer, site, "down.weight"),
        TrainableLayout.adapter(layer, site, "down.bias"));
    SDVariable activated = down.mul(sd.nn.sigmoid(down)); // swish
    SDVariable up = linearRows(activated, TrainableLayout.adapter(layer, site, "up.weight"),
        TrainableLayout.adapter(layer, site, "up.bias"));
    return a.add(sd.reshape(up, sd.shape(a)));
  }
}
