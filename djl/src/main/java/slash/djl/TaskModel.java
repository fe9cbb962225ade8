package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.io.FloatTensor;
import slash.core.method.DropoutMasks;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderWeights;
import slash.core.text.EncodedBatch;

/** Encoder + adaptation + head: the whole trainable model of one run. */
public final class TaskModel implements AutoCloseable {
  private final DjlEncoder encoder;
  private final Adaptation adaptation;
  private final TaskHead head;
  /** Encoder weights that train in place (full finetuning, BitFit); empty for the rest. */
  private final List<Trainable> encoderTrainables = new ArrayList<>();
  /** The model's dropout while training (full finetuning); null: none. */
  private final DropoutMasks dropout;

  public TaskModel(DjlEncoder encoder, Adaptation adaptation, TaskHead head) {
    this(encoder, adaptation, head, List.of(), null);
  }

  public TaskModel(DjlEncoder encoder, Adaptation adaptation, TaskHead head,
      List<String> trainedEncoderWeights, DropoutMasks dropout) {
    this.encoder = encoder;
    this.adaptation = adaptation;
    this.head = head;
    this.dropout = dropout;
    for (String name : trainedEncoderWeights) {
      NDArray weight = encoder.parameter(name);
      weight.setRequiresGradient(true);
      encoderTrainables.add(Trainable.of(name, weight));
    }
  }

  /** The model of {@code config} around already-loaded weights, its arrays under {@code root}. */
  public static TaskModel build(RunConfig config, EncoderWeights weights, NDManager root) {
    DjlEncoder encoder = DjlEncoder.load(weights, root);
    Adaptation adaptation = DjlMethods.create(config.method(), weights.config(), config.seed(),
        root);
    TaskHead head = new TaskHead(config.task().kind(), config.task().outputSize(),
        weights.config().hidden(), config.seed(), root);
    return new TaskModel(encoder, adaptation, head,
        TrainableLayout.encoderWeights(config.method(), weights.config()),
        TrainableLayout.dropout(config.method(), weights.config(), config.seed()));
  }

  public DjlEncoder encoder() {
    return encoder;
  }

  public Adaptation adaptation() {
    return adaptation;
  }

  public TaskHead head() {
    return head;
  }


  public List<Trainable> trainables() {
    List<Trainable> all = new ArrayList<>(adaptation.trainables());
    all.addAll(encoderTrainables);
    all.addAll(head.trainables());
    return all;
  }

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
    EncoderHooks hooks = dropout == null ? adaptation
        : new DropoutHooks(adaptation, dropout, stepIndex);
    return head.logits(encoder.forward(batch, hooks, step), batch, step);
  }

  /** Logits from the encoder with the method folded in and no hooks (inference). */
  public NDArray fusedLogits(EncodedBatch batch, NDManager step) {
    DjlEncoder fused = adaptation.fuse(encoder, step);
    if (fused == null) {
      return logits(batch, step);
    }
    return head.logits(fused.forward(batch, EncoderHooks.NONE, step), batch, step);
  }

  public NDArray loss(NDArray logits, EncodedBatch batch, NDManager step) {
    return head.loss(logits, batch, step);
  }

  public Map<String, FloatTensor> state() {
    Map<String, FloatTensor> state = new LinkedHashMap<>(adaptation.state());
    state.putAll(ArrayState.save(inPlaceWeights()));
    state.putAll(head.state());
    return state;
  }

  public void load(Map<String, FloatTensor> state) {
    adaptation.load(state);
    ArrayState.load(inPlaceWeights(), state);
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
