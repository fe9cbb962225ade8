package slash.baselines.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import slash.core.model.EncoderConfig;
import slash.djl.DjlLayoutAdaptation;

/** Houlsby adapters on DJL: a + up(swish(down(a))) at the two sites of every block. */
public final class DjlAdapter extends DjlLayoutAdaptation {
  public DjlAdapter(AdapterConfig method, EncoderConfig encoder, long seed, NDManager parent) {
    super(method, encoder, seed, parent);
  }

  @Override
  public NDArray attentionOutput(int layer, NDArray activation) {
    return adapt(layer, "attention.output", activation);
  }

  @Override
  public NDArray output(int layer, NDArray activation) {
    return adapt(layer, "output", activation);
  }

  private NDArray adapt(int layer, String site, NDArray a) {
    NDArray down = linear(a, layer, site, "down");
    NDArray activated = down.mul(Activation.sigmoid(down)); // swish
    return a.add(linear(activated, layer, site, "up"));
  }

  private NDArray linear(NDArray x, int layer, String site, String which) {
    return Linear.linear(x, tensor(AdapterConfig.tensor(layer, site, which + ".weight")),
        tensor(AdapterConfig.tensor(layer, site, which + ".bias"))).singletonOrThrow();
  }
}
