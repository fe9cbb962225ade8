package slash.baselines.adapter;

import org.nd4j.autodiff.samediff.SDVariable;
import slash.core.model.EncoderConfig;
import slash.dl4j.SdLayoutAdaptation;

/**
 * Houlsby adapters on SameDiff, the twin of DjlAdapter: a + up(swish(down(a))), on the rows
 * [B*T, H] the encoder's activation hooks see (no reshape).
 */
public final class SdAdapter extends SdLayoutAdaptation {
  public SdAdapter(AdapterConfig method, EncoderConfig encoder, long seed) {
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

  private SDVariable adapt(int layer, String site, SDVariable rows) {
    SDVariable down = linearRows(rows, AdapterConfig.tensor(layer, site, "down.weight"),
        AdapterConfig.tensor(layer, site, "down.bias"));
    SDVariable activated = down.mul(sd.nn.sigmoid(down)); // swish
    SDVariable up = linearRows(activated, AdapterConfig.tensor(layer, site, "up.weight"),
        AdapterConfig.tensor(layer, site, "up.bias"));
    return rows.add(up);
  }
}
