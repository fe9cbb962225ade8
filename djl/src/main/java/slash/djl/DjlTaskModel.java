package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slash.core.config.RunConfig;
import slash.core.io.FloatTensor;
import slash.core.method.DropoutMasks;
import slash.core.model.EncoderWeights;
import slash.core.text.EncodedBatch;
import slash.core.train.FusedModel;
import slash.core.train.ModelState;

/** Encoder + adaptation + head: the whole trainable model of one run. */
public final class DjlTaskModel implements ModelState, AutoCloseable {
  private final RunConfig config;
  private final EncoderWeights weights;
  private final DjlEncoder encoder;
  private final DjlAdaptation adaptation;
  private final DjlHead head;
  /** Encoder weights that train in place (full finetuning, BitFit); empty for the rest. */
  private final List<DjlTrainable> encoderTrainables = new ArrayList<>();
  /** The model's dropout while training (full finetuning); null: none. */
  private final DropoutMasks dropout;

  /** The model of {@code config} around loaded weights, its arrays under {@code root}. */
  public DjlTaskModel(RunConfig config, EncoderWeights weights, DjlAdaptation.Factory method,
      NDManager root) {
    this.config = config;
    this.weights = weights;
    config.method().validate(weights.config());
    this.encoder = DjlEncoder.load(weights, root);
    this.adaptation = method.create(root);
    this.head = new DjlHead(config.task().kind(), config.task().outputSize(),
        weights.config().hidden(), config.seed(), root);
    this.dropout = DropoutMasks.whileTraining(config.method(), weights.config(), config.seed());
    for (String name : config.method().encoderWeights(weights.config())) {
      NDArray weight = encoder.parameter(name);
      weight.setRequiresGradient(true);
      encoderTrainables.add(DjlTrainable.of(name, weight));
    }
  }

  public DjlEncoder encoder() {
    return encoder;
  }

  public DjlAdaptation adaptation() {
    return adaptation;
  }

  public DjlHead head() {
    return head;
  }

  /** Whether encoder weights train in place (full finetuning, BitFit). */
  public boolean trainsEncoder() {
    return !encoderTrainables.isEmpty();
  }

  public List<DjlTrainable> trainables() {
    List<DjlTrainable> all = new ArrayList<>(adaptation.trainables());
    all.addAll(encoderTrainables);
    all.addAll(head.trainables());
    return all;
  }

  @Override
  public long trainableCount() {
    long inPlace = encoderTrainables.stream().mapToLong(t -> t.value().size()).sum();
    return adaptation.trainableCount() + inPlace + head.parameterCount();
  }

  public NDArray logits(EncodedBatch batch, NDManager step) {
    return head.logits(encoder.forward(batch, adaptation, step), batch, step);
  }

  /**
   * Logits of training step {@code stepIndex}: with the model's dropout where the method keeps it
   * (full finetuning), otherwise as {@link #logits}.
   */
  public NDArray trainingLogits(EncodedBatch batch, NDManager step, long stepIndex) {
    DjlHooks hooks = dropout == null ? adaptation
        : new DjlDropoutHooks(adaptation, dropout, stepIndex);
    return head.logits(encoder.forward(batch, hooks, step), batch, step);
  }

  /**
   * The inference model of the current state: a plain encoder built once from the method's
   * folded weights with this model's head, or this model itself when the method does not fold.
   */
  public FusedModel fused() {
    Map<String, FloatTensor> state = state();
    Optional<EncoderWeights> folded = config.resolvedMethod().fold(
        weights.updatedFrom(state, "finetuned"), state);
    if (folded.isEmpty()) {
      return unfused();
    }
    NDManager scope = encoder.manager().newSubManager();
    DjlEncoder plain = DjlEncoder.load(folded.get(), scope);
    return new FusedModel() {
      @Override
      public float[] logits(EncodedBatch batch) {
        try (NoGrad g = NoGrad.enter(); NDManager step = scope.newSubManager()) {
          return head.logits(plain.forward(batch, DjlHooks.NONE, step), batch, step)
              .toFloatArray();
        }
      }

      @Override
      public boolean folded() {
        return true;
      }

      @Override
      public void close() {
        scope.close();
      }
    };
  }

  private FusedModel unfused() {
    return new FusedModel() {
      @Override
      public float[] logits(EncodedBatch batch) {
        try (NoGrad g = NoGrad.enter(); NDManager step = encoder.manager().newSubManager()) {
          return DjlTaskModel.this.logits(batch, step).toFloatArray();
        }
      }

      @Override
      public boolean folded() {
        return false;
      }
    };
  }

  public NDArray loss(NDArray logits, EncodedBatch batch, NDManager step) {
    return head.loss(logits, batch, step);
  }

  @Override
  public Map<String, FloatTensor> state() {
    Map<String, FloatTensor> state = new LinkedHashMap<>(adaptation.state());
    state.putAll(DjlArrayState.save(inPlaceWeights()));
    state.putAll(head.state());
    return state;
  }

  @Override
  public void load(Map<String, FloatTensor> state) {
    adaptation.load(state);
    DjlArrayState.load(inPlaceWeights(), state);
    head.load(state);
  }

  private Map<String, NDArray> inPlaceWeights() {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    encoderTrainables.forEach(t -> arrays.put(t.name(), t.value()));
    return arrays;
  }

  @Override
  public void close() {
    adaptation.close();
    head.close();
    encoder.close();
  }
}
