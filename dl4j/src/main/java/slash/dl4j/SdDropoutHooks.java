package slash.dl4j;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.method.DropoutMasks;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;

/**
 * The model's dropout around a method's hooks on SameDiff, the twin of the DJL engine's
 * DropoutHooks: each site multiplies by a mask placeholder, fed with {@link DropoutMasks}' mask of
 * the training step (the same values as on DJL) or with ones for evaluation.
 */
final class SdDropoutHooks implements GraphHooks {
  private static final String PREFIX = "dropout.";

  private final GraphHooks inner;
  private final DropoutMasks masks;
  private final EncoderConfig encoder;

  SdDropoutHooks(GraphHooks inner, DropoutMasks masks, EncoderConfig encoder) {
    this.inner = inner;
    this.masks = masks;
    this.encoder = encoder;
  }

  @Override
  public void beginGraph(SameDiff sd) {
    inner.beginGraph(sd);
    for (int site = 0; site < DropoutMasks.sites(encoder.layers()); site++) {
      if (DropoutMasks.isAttention(site)) {
        sd.placeHolder(PREFIX + site, DataType.FLOAT, -1, encoder.heads(), -1, -1);
      } else {
        sd.placeHolder(PREFIX + site, DataType.FLOAT, -1, -1, encoder.hidden());
      }
    }
  }

  @Override
  public Sequence afterEmbeddings(SameDiff sd, Sequence sequence) {
    return inner.afterEmbeddings(sd, new Sequence(drop(sd, sequence.hidden(),
        DropoutMasks.EMBEDDINGS), sequence.mask()));
  }

  @Override
  public SDVariable beforeLayer(SameDiff sd, int layer, SDVariable hidden) {
    return inner.beforeLayer(sd, layer, hidden);
  }

  @Override
  public SDVariable attentionProjection(SameDiff sd, int layer, String target, SDVariable input,
      SDVariable output) {
    return inner.attentionProjection(sd, layer, target, input, output);
  }

  @Override
  public SDVariable attentionProbabilities(SameDiff sd, int layer, SDVariable probabilities) {
    return drop(sd, inner.attentionProbabilities(sd, layer, probabilities),
        DropoutMasks.site(layer, 0));
  }

  @Override
  public SDVariable attentionOutput(int layer, SDVariable activation) {
    SDVariable out = inner.attentionOutput(layer, activation);
    return drop(out.getSameDiff(), out, DropoutMasks.site(layer, 1));
  }

  @Override
  public SDVariable intermediate(int layer, SDVariable activation) {
    return inner.intermediate(layer, activation);
  }

  @Override
  public SDVariable output(int layer, SDVariable activation) {
    SDVariable out = inner.output(layer, activation);
    return drop(out.getSameDiff(), out, DropoutMasks.site(layer, 2));
  }

  @Override
  public SDVariable finalHidden(SameDiff sd, SDVariable hidden) {
    return inner.finalHidden(sd, hidden);
  }

  private static SDVariable drop(SameDiff sd, SDVariable x, int site) {
    return x.mul(sd.getVariable(PREFIX + site));
  }

  /** The mask placeholders of one batch: step {@code stepIndex}'s masks, or ones (evaluation). */
  Map<String, INDArray> feeds(int batch, int length, Long stepIndex) {
    Map<String, INDArray> feeds = new HashMap<>();
    for (int site = 0; site < DropoutMasks.sites(encoder.layers()); site++) {
      long[] shape = DropoutMasks.isAttention(site)
          ? new long[] {batch, encoder.heads(), length, length}
          : new long[] {batch, length, encoder.hidden()};
      int size = Math.toIntExact(TrainableLayout.elements(shape));
      feeds.put(PREFIX + site, stepIndex == null ? Nd4j.ones(DataType.FLOAT, shape)
          : Nd4j.create(masks.mask(stepIndex, site, size), shape, 'c'));
    }
    return feeds;
  }
}
