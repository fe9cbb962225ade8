package slash.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.config.RunConfig;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderWeights;
import slash.core.method.DropoutMasks;
import slash.core.text.EncodedBatch;
import slash.core.train.FusedModel;
import slash.core.train.ModelState;

/** Encoder + adaptation + head as one SameDiff graph: the whole model of one run. */
public final class SdTaskModel implements ModelState {
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

  /** The model of {@code config} around loaded weights, with the method's adaptation. */
  public SdTaskModel(RunConfig config, EncoderWeights weights, SdAdaptation adaptation) {
    this(config, weights, adaptation, config.method().encoderWeights(weights.config()),
        DropoutMasks.whileTraining(config.method(), weights.config(), config.seed()));
  }

  private SdTaskModel(RunConfig config, EncoderWeights weights, SdAdaptation adaptation,
      List<String> encoderTrainables, DropoutMasks masks) {
    this.config = config;
    this.weights = weights;
    this.encoder = weights.config();
    config.method().validate(encoder);
    this.adaptation = adaptation;
    this.head = new SdHead(config.task().kind(), config.task().outputSize());
    this.encoderTrainables = encoderTrainables;
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

  public EncoderConfig encoder() {
    return encoder;
  }

  /** Whether training draws dropout masks (full finetuning), whose layout follows the shape. */
  public boolean hasDropout() {
    return dropout != null;
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
   * The inference model of the current state: a hook-free graph of the method's folded weights
   * (SLaSh into biases, LoRA into W, finetuned weights as they are) with this model's head, built
   * once; this model itself when the method does not fold (JR-WARP, WARP, adapters), as on DJL.
   */
  public FusedModel fused() {
    Map<String, FloatTensor> state = state();
    Optional<EncoderWeights> folded = config.resolvedMethod().fold(
        weights.updatedFrom(state, "finetuned"), state);
    SdTaskModel model = this;
    if (folded.isPresent()) {
      // the folded weights are constants: only the head is a variable, and no dropout
      model = new SdTaskModel(config, folded.get(), SdAdaptation.none(), List.of(), null);
      model.load(state);
    }
    SdTaskModel inference = model;
    boolean isFolded = folded.isPresent();
    return new FusedModel() {
      @Override
      public float[] logits(EncodedBatch batch) {
        return inference.logits(batch).dup('c').data().asFloat();
      }

      @Override
      public boolean folded() {
        return isFolded;
      }
    };
  }

  @Override
  public long trainableCount() {
    return trainableNames().stream().mapToLong(n -> sd.getArrForVarName(n).length()).sum();
  }

  @Override
  public Map<String, FloatTensor> state() {
    Map<String, FloatTensor> state = new LinkedHashMap<>();
    for (String name : trainableNames()) {
      INDArray array = sd.getArrForVarName(name);
      state.put(name, FloatTensor.of(array.dup('c').data().asFloat(), array.shape()));
    }
    return state;
  }

  @Override
  public void load(Map<String, FloatTensor> state) {
    for (String name : trainableNames()) {
      INDArray into = sd.getArrForVarName(name);
      into.assign(Nd4j.create(FloatTensor.require(state, name, into.shape()).data(),
          into.shape(), 'c'));
    }
  }
}
