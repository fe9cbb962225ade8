package slash.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import slash.core.config.RunConfig;
import slash.core.data.TaskKind;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderWeights;
import slash.core.model.HeadGradients;
import slash.core.text.EncodedBatch;
import slash.core.train.BatchGradient;
import slash.core.train.FlatGradient;
import slash.core.train.FusedModel;
import slash.core.train.ModelState;
import slash.core.train.OptimizerState;
import slash.core.train.PerExampleGradients;
import slash.core.train.SessionBase;
import slash.core.train.TrainingDevice;
import slash.core.train.TrainingSession;

/**
 * A {@link DjlTaskModel} and its AdamW on DJL. Every step runs in its own NDManager scope, so
 * memory stays flat however long the run.
 */
public final class DjlSession extends SessionBase {
  private final RunConfig config;
  private final NDManager root;
  private final DjlTaskModel model;
  private final DjlAdamW optimizer;

  private DjlSession(RunConfig config, NDManager root, DjlTaskModel model) {
    this.config = config;
    this.root = root;
    this.model = model;
    this.optimizer = new DjlAdamW(model.trainables(), 0.0, root);
  }

  /** The session of {@code config} around loaded weights; closing it frees every array. */
  public static DjlSession open(RunConfig config, EncoderWeights weights,
      DjlAdaptation.Factory method) {
    return open(config, weights, method, TrainingDevice.ENGINE_DEFAULT);
  }

  /** {@link #open} on {@code device} (a GPU a scheduler gave this run, or the CPU). */
  public static DjlSession open(RunConfig config, EncoderWeights weights,
      DjlAdaptation.Factory method, TrainingDevice device) {
    NDManager root = NDManager.newBaseManager(DjlRuntime.device(device));
    try {
      return new DjlSession(config, root, new DjlTaskModel(config, weights, method, root));
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  public DjlTaskModel taskModel() {
    return model;
  }

  @Override
  protected ModelState model() {
    return model;
  }

  @Override
  protected OptimizerState optimizer() {
    return optimizer.moments();
  }

  @Override
  public float trainStep(EncodedBatch batch, double learningRate) {
    try (NDManager step = model.encoder().manager().newSubManager()) {
      float value = backward(() -> trainingLoss(batch, step), learningRate,
          UnaryOperator.identity());
      try (NoGrad g = NoGrad.enter()) {
        // Outside the collector: in-place updates of leaves must not be recorded.
        optimizer.step(learningRate, config.maxGradNorm(), step);
      } finally {
        optimizer.zeroGradients();
      }
      return value;
    }
  }

  @Override
  public BatchGradient gradient(EncodedBatch batch) {
    try (NDManager step = model.encoder().manager().newSubManager()) {
      float value = backward(() -> trainingLoss(batch, step), 0, UnaryOperator.identity());
      try {
        List<float[]> parts = new ArrayList<>();
        for (DjlTrainable trainable : model.trainables()) {
          parts.add(trainable.gradient(step).toFloatArray());
        }
        return new BatchGradient(value, FlatGradient.concat(parts));
      } finally {
        optimizer.zeroGradients();
      }
    }
  }

  private NDArray trainingLoss(EncodedBatch batch, NDManager step) {
    return model.loss(model.trainingLogits(batch, step, stepCount()), batch, step);
  }

  /**
   * Runs {@code forward} under a gradient collector and backpropagates {@code toBackward} of its
   * loss; returns the loss, refused if not finite ({@code learningRate} for the message).
   */
  private float backward(Supplier<NDArray> forward, double learningRate,
      UnaryOperator<NDArray> toBackward) {
    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray loss = forward.get();
      float value = loss.getFloat();
      TrainingSession.requireFinite(value, stepCount(), learningRate);
      collector.backward(toBackward.apply(loss));
      return value;
    }
  }

  @Override
  public void applyGradient(float[] gradient, double learningRate) {
    // grad mode is per thread and on everywhere but DJL's loading thread (NoGrad): a private run
    // on a Spark task thread failed here with "a leaf Variable ... in-place operation"
    try (NDManager step = model.encoder().manager().newSubManager();
        NoGrad g = NoGrad.enter()) {
      optimizer.apply(gradient, learningRate, step);
    }
  }

  /**
   * One forward and ONE backward pass for the whole batch: the method's per-example copies give
   * its per-example gradients ({@link DjlPerExample}), the head's are outer products
   * ({@link HeadGradients}). Empty for methods without per-example copies, for encoder weights
   * trained in place and for token tasks.
   */
  @Override
  public Optional<PerExampleGradients> perExampleGradients(EncodedBatch batch) {
    if (!(model.adaptation() instanceof DjlPerExample method) || model.trainsEncoder()
        || config.task().kind() == TaskKind.TOKEN_CLASSIFICATION) {
      return Optional.empty();
    }
    int b = batch.size();
    DjlHead head = model.head();
    try (NDManager step = model.encoder().manager().newSubManager()) {
      method.perExample(b);
      try {
        NDArray[] pickedAndLogits = new NDArray[2];
        // backward of the sum of the examples' own losses: each copy's gradient is its example's
        backward(() -> {
          pickedAndLogits[0] = head.representation(
              model.encoder().forward(batch, model.adaptation(), step), batch, step);
          pickedAndLogits[1] = head.project(pickedAndLogits[0]);
          return model.loss(pickedAndLogits[1], batch, step);
        }, 0, loss -> DjlScalars.times(loss, b));
        return Optional.of(PerExampleGradients.withHead(method.perExampleGradients(step),
            head.kind(), pickedAndLogits[1].toFloatArray(), head.outputs(), batch.labels(),
            pickedAndLogits[0].toFloatArray()));
      } finally {
        method.perExample(0);
        optimizer.zeroGradients();
      }
    }
  }

  @Override
  public void predict(EncodedBatch batch, PredictionCollector collector) {
    try (NoGrad g = NoGrad.enter();
        NDManager step = model.encoder().manager().newSubManager()) {
      collector.addLogits(model.logits(batch, step).toFloatArray(), batch);
    }
  }

  @Override
  public FusedModel fused() {
    return model.fused();
  }

  @Override
  public String engineVersion() {
    return "DJL " + Engine.getDjlVersion();
  }

  @Override
  public String device() {
    return DjlRuntime.describe(root.getDevice());
  }

  @Override
  public void close() {
    optimizer.close();
    model.close();
    root.close();
  }
}
