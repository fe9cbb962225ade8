package slash.dl4j;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import slash.core.method.DropoutMasks;
import slash.core.method.Trainables;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderHooks.Sequence;
import slash.core.model.ForwardingHooks;

/**
 * The model's dropout around a method's hooks on SameDiff, the twin of DjlDropoutHooks: each site
 * multiplies by a mask placeholder, fed with {@link DropoutMasks}' mask of the training step (the
 * same values as on DJL) or with ones for evaluation.
 */
final class SdDropoutHooks extends ForwardingHooks<SDVariable, SameDiff> implements SdHooks {
  private static final String PREFIX = "dropout.";

  private final DropoutMasks masks;
  private final EncoderConfig encoder;
  private SameDiff sd;

  SdDropoutHooks(SdHooks inner, DropoutMasks masks, EncoderConfig encoder) {
    super(inner);
    this.masks = masks;
    this.encoder = encoder;
  }

  @Override
  public void begin(SameDiff graph) {
    this.sd = graph;
    super.begin(graph);
    for (int site = 0; site < DropoutMasks.sites(encoder.layers()); site++) {
      if (DropoutMasks.isAttention(site)) {
        graph.placeHolder(PREFIX + site, DataType.FLOAT, -1, encoder.heads(), -1, -1);
      } else {
        graph.placeHolder(PREFIX + site, DataType.FLOAT, -1, -1, encoder.hidden());
      }
    }
  }

  @Override
  public Sequence<SDVariable> afterEmbeddings(Sequence<SDVariable> sequence) {
    return super.afterEmbeddings(new Sequence<>(drop(sequence.hidden(), DropoutMasks.EMBEDDINGS),
        sequence.mask()));
  }

  @Override
  public SDVariable attentionProbabilities(int layer, SDVariable probabilities) {
    return drop(super.attentionProbabilities(layer, probabilities), DropoutMasks.site(layer, 0));
  }

  @Override
  public SDVariable attentionOutput(int layer, SDVariable activation) {
    return dropRows(super.attentionOutput(layer, activation), DropoutMasks.site(layer, 1));
  }

  @Override
  public SDVariable output(int layer, SDVariable activation) {
    return dropRows(super.output(layer, activation), DropoutMasks.site(layer, 2));
  }

  private SDVariable drop(SDVariable x, int site) {
    return x.mul(sd.getVariable(PREFIX + site));
  }

  /** A site inside a block, where the encoder keeps activations as rows [B*T, H]. */
  private SDVariable dropRows(SDVariable rows, int site) {
    return rows.mul(sd.getVariable(PREFIX + site).reshape(-1, encoder.hidden()));
  }

  /** The mask placeholders of one batch: step {@code stepIndex}'s masks, or ones (evaluation). */
  Map<String, INDArray> feeds(int batch, int length, Long stepIndex) {
    Map<String, INDArray> feeds = new HashMap<>();
    for (int site = 0; site < DropoutMasks.sites(encoder.layers()); site++) {
      long[] shape = DropoutMasks.isAttention(site)
          ? new long[] {batch, encoder.heads(), length, length}
          : new long[] {batch, length, encoder.hidden()};
      int size = Math.toIntExact(Trainables.elements(shape));
      // from the pool, which takes them back after the step (several MB a site)
      INDArray mask = SdArrayPool.current().allocate(false, DataType.FLOAT, shape);
      if (stepIndex == null) {
        mask.assign(1f);
      } else {
        mask.data().setData(masks.mask(stepIndex, site, size));
      }
      feeds.put(PREFIX + site, mask);
    }
    return feeds;
  }
}
