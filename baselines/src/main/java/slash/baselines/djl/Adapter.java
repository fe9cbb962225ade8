package slash.baselines.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import slash.core.config.MethodConfig;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;

/**
 * Houlsby adapters: after the attention output projection and after the output feed-forward
 * projection of every block (before residual and LayerNorm), a -> a + up(swish(down(a))), with a
 * bottleneck of m. Near-identity at initialisation.
 */
final class Adapter extends LayoutAdaptation {
  Adapter(MethodConfig method, EncoderConfig encoder, long seed, NDManager parent) {
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
    return Linear.linear(x, tensor(TrainableLayout.adapter(layer, site, which + ".weight")),
        tensor(TrainableLayout.adapter(layer, site, which + ".bias"))).singletonOrThrow();
  }
}
