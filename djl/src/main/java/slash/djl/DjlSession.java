package slash.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import slash.core.config.RunConfig;
import slash.core.io.FloatTensor;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderWeights;
import slash.core.text.EncodedBatch;
import slash.core.train.TrainingSession;

/**
 * A {@link TaskModel} and its AdamW on DJL. Every step runs in its own NDManager scope, so memory
 * stays flat however long the run.
 */
public final class DjlSession implements TrainingSession {
  private final RunConfig config;
  private final TaskModel model;
  private final AdamW optimizer;
  private final AutoCloseable owned;

  public DjlSession(RunConfig config, TaskModel model, NDManager root) {
    this(config, model, root, null);
  }

  private DjlSession(RunConfig config, TaskModel model, NDManager root, AutoCloseable owned) {
    this.config = config;
    this.model = model;
    this.optimizer = new AdamW(model.trainables(), 0.0, root);
    this.owned = owned;
  }

  /** A session that owns its engine resources: closing it frees the model too. */
  public static DjlSession open(RunConfig config, EncoderWeights weights) {
    NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
    TaskModel model = TaskModel.build(config, weights, root);
    return new DjlSession(config, model, root, () -> {
      model.close();
      root.close();
    });
  }

  public TaskModel model() {
    return model;
  }

  @Override
  public float trainStep(EncodedBatch batch, double learningRate) {
    try (NDManager step = model.encoder().manager().newSubManager()) {
      float value;
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray loss = model.loss(model.trainingLogits(batch, step, optimizer.stepCount()),
            batch, step);
        value = loss.getFloat();
        TrainingSession.requireFinite(value, optimizer.stepCount(), learningRate);
        collector.backward(loss);
      }
      try {
        // Outside the collector: in-place updates of leaves must not be recorded.
        optimizer.step(learningRate, config.maxGradNorm(), step);
      } finally {
        optimizer.zeroGradients();
      }
      return value;
    }
  }

  @Override
  public void predict(EncodedBatch batch, PredictionCollector collector) {
    try (NDManager step = model.encoder().manager().newSubManager()) {
      collector.addLogits(model.logits(batch, step).toFloatArray(), batch);
    }
  }

  @Override
  public float[] fusedLogits(EncodedBatch batch) {
    try (NDManager step = model.encoder().manager().newSubManager()) {
      return model.fusedLogits(batch, step).toFloatArray();
    }
  }

  @Override
  public Map<String, FloatTensor> modelState() {
    return model.state();
  }

  @Override
  public void loadModel(Map<String, FloatTensor> state) {
    model.load(state);
  }

  @Override
  public Map<String, FloatTensor> optimizerState() {
    return optimizer.state();
  }

  @Override
  public void loadOptimizer(Map<String, FloatTensor> state) {
    optimizer.load(state);
  }

  @Override
  public int stepCount() {
    return optimizer.stepCount();
  }

  @Override
  public long trainableCount() {
    return model.trainableCount();
  }

  @Override
  public String engineVersion() {
    return "DJL " + Engine.getDjlVersion();
  }

  @Override
  public String device() {
    return DjlRuntime.describe();
  }

  /** Closes the optimizer, and the model when this session built it ({@link #open}). */
  @Override
  public void close() {
    optimizer.close();
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
