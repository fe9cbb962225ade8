package slash.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Optional;
import slash.core.config.RunConfig;
import slash.core.data.TaskKind;
import slash.core.model.HeadGradients;
import slash.core.train.BatchGradient;
import slash.core.train.PerExampleGradients;
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
  public BatchGradient gradient(EncodedBatch batch) {
    try (NDManager step = model.encoder().manager().newSubManager()) {
      float value;
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray loss = model.loss(model.trainingLogits(batch, step, optimizer.stepCount()),
            batch, step);
        value = loss.getFloat();
        TrainingSession.requireFinite(value, optimizer.stepCount(), 0);
        collector.backward(loss);
      }
      try {
        List<DjlTrainable> trainables = model.trainables();
        float[][] parts = new float[trainables.size()][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
          parts[i] = trainables.get(i).gradient(step).toFloatArray();
          total += parts[i].length;
        }
        float[] flat = new float[total];
        int at = 0;
        for (float[] part : parts) {
          System.arraycopy(part, 0, flat, at, part.length);
          at += part.length;
        }
        return new BatchGradient(value, flat);
      } finally {
        optimizer.zeroGradients();
      }
    }
  }

  @Override
  public void applyGradient(float[] gradient, double learningRate) {
    try (NDManager step = model.encoder().manager().newSubManager()) {
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
        NDArray picked;
        NDArray logits;
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
          picked = head.representation(model.encoder().forward(batch, model.adaptation(), step),
              batch, step);
          logits = head.project(picked);
          NDArray loss = model.loss(logits, batch, step);
          TrainingSession.requireFinite(loss.getFloat(), optimizer.stepCount(), 0);
          // the sum of the examples' own losses: each copy's gradient is its example's
          collector.backward(DjlScalars.times(loss, b));
        }
        float[][] own = method.perExampleGradients(step);
        int hidden = (int) picked.getShape().get(1);
        int ownSize = own.length == 0 ? 0 : own[0].length;
        float[][] rows = new float[b][ownSize + HeadGradients.size(head.outputs(), hidden)];
        for (int i = 0; i < b; i++) {
          System.arraycopy(own[i], 0, rows[i], 0, ownSize);
        }
        float[] losses = new float[b];
        float[] e = HeadGradients.logitGradients(head.kind(), logits.toFloatArray(),
            head.outputs(), batch.labels(), losses);
        HeadGradients.write(e, picked.toFloatArray(), head.outputs(), hidden, rows, ownSize);
        return Optional.of(new PerExampleGradients(losses, rows));
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
    return DjlRuntime.describe();
  }

  @Override
  public void close() {
    optimizer.close();
    model.close();
    root.close();
  }
}
