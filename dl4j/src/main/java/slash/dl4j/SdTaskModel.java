package slash.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.config.Method;
import slash.core.config.MethodConfig;
import slash.core.config.RunConfig;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderWeights;
import slash.core.method.DropoutMasks;
import slash.core.method.TrainableLayout;
import slash.core.text.EncodedBatch;

/** Encoder + adaptation + head as one SameDiff graph: the whole model of one run. */
public final class SdTaskModel {
  public static final String HIDDEN = "final_hidden";

  private final RunConfig config;
  private final EncoderWeights weights;
  private final EncoderConfig encoder;
  private final SdAdaptation adaptation;
  private final SdHead head;
  /** Encoder weights that train in place (full finetuning, BitFit); empty for the rest. */
  private final List<String> encoderTrainables;
  private final SameDiff sd = SameDiff.create();
  /** The model's dropout while training (full finetuning); null: none. */
  private final SdDropoutHooks dropout;

  public SdTaskModel(RunConfig config, EncoderWeights weights) {
    this.config = config;
    this.weights = weights;
    this.encoder = weights.config();
    this.adaptation = SdMethods.create(config.method(), encoder, config.seed());
    this.head = new SdHead(config.task().kind(), config.task().outputSize());
    this.encoderTrainables = TrainableLayout.encoderWeights(config.method(), encoder);
    DropoutMasks masks = TrainableLayout.dropout(config.method(), encoder, config.seed());
    this.dropout = masks == null ? null : new SdDropoutHooks(adaptation, masks, encoder);
    SDVariable hidden = SdEncoder.build(sd, weights, dropout == null ? adaptation : dropout,
        Set.copyOf(encoderTrainables));
    sd.identity(HIDDEN, hidden);
    head.build(sd, hidden, encoder.hidden(), config.seed());
  }

  public SameDiff graph() {
    return sd;
  }

  public SdAdaptation adaptation() {
    return adaptation;
  }

  public List<String> trainableNames() {
    List<String> names = new ArrayList<>(adaptation.trainableNames());
    names.addAll(encoderTrainables);
    names.addAll(head.trainableNames());
    return names;
  }

  /** Variables whose gradients the backward pass computes. */
  List<String> differentiated() {
    List<String> names = new ArrayList<>(adaptation.differentiated());
    names.addAll(encoderTrainables);
    names.addAll(head.trainableNames());
    return names;
  }

  /** The placeholders of one batch for evaluation (no dropout). */
  public Map<String, INDArray> feeds(EncodedBatch batch, boolean withLabels) {
    return feeds(batch, withLabels, null);
  }

  /**
   * The placeholders of one batch; {@code dropoutStep} names the training step whose dropout
   * masks apply (full finetuning), null for none.
   */
  public Map<String, INDArray> feeds(EncodedBatch batch, boolean withLabels, Long dropoutStep) {
    Map<String, INDArray> feeds = new HashMap<>(SdEncoder.feeds(encoder, batch));
    if (dropout != null) {
      feeds.putAll(dropout.feeds(batch.size(), batch.length(), dropoutStep));
    }
    feeds.putAll(adaptation.feeds(batch));
    feeds.putAll(head.feeds(batch, batch.length(), withLabels));
    adaptation.beforeForward(sd);
    return feeds;
  }

  /** Named outputs (e.g. {@link SdHead#LOGITS}, {@link #HIDDEN}) for a batch. */
  public Map<String, INDArray> output(EncodedBatch batch, String... names) {
    return sd.output(feeds(batch, false), names);
  }

  public INDArray logits(EncodedBatch batch) {
    return output(batch, SdHead.LOGITS).get(SdHead.LOGITS);
  }

  /**
   * The method folded into the encoder's weights (SLaSh into biases, LoRA into W, finetuned
   * weights as they are): a hook-free graph with this model's head, for inference at the plain
   * encoder's cost. A method that adds positions or layers (JR-WARP, WARP, adapters) does not
   * fold: this model itself, as on DJL.
   */
  public SdTaskModel fused() {
    Map<String, FloatTensor> state = state();
    EncoderWeights folded = adaptation.fuse(weights.updatedFrom(state, "finetuned"), state);
    if (folded == null) {
      return this;
    }
    SdTaskModel plain = new SdTaskModel(config.withMethod(MethodConfig.of(Method.LINEAR)),
        folded);
    plain.load(state);
    return plain;
  }

  public long trainableCount() {
    return trainableNames().stream().mapToLong(n -> sd.getArrForVarName(n).length()).sum();
  }

  public Map<String, FloatTensor> state() {
    Map<String, FloatTensor> state = new LinkedHashMap<>();
    for (String name : trainableNames()) {
      INDArray array = sd.getArrForVarName(name);
      state.put(name, FloatTensor.of(array.dup('c').data().asFloat(), array.shape()));
    }
    return state;
  }

  public void load(Map<String, FloatTensor> state) {
    for (String name : trainableNames()) {
      INDArray into = sd.getArrForVarName(name);
      into.assign(Nd4j.create(FloatTensor.require(state, name, into.shape()).data(),
          into.shape(), 'c'));
    }
  }
}
