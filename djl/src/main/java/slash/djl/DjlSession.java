package slash.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import slash.core.config.RunConfig;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderWeights;
import slash.core.text.EncodedBatch;
import slash.core.train.FusedModel;
import slash.core.train.ModelState;
import slash.core.train.OptimizerState;
import slash.core.train.SessionBase;
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
    NDManager root = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice());
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
    return optimizer;
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
    return DjlRuntime.describe();
  }

  @Override
  public void close() {
    optimizer.close();
    model.close();
    root.close();
  }
}
