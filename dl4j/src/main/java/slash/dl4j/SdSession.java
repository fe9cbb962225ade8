package slash.dl4j;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import slash.core.config.RunConfig;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderWeights;
import slash.core.text.EncodedBatch;
import slash.core.train.FusedModel;
import slash.core.train.ModelState;
import slash.core.train.OptimizerState;
import slash.core.train.SessionBase;
import slash.core.train.TrainingSession;

/** An {@link SdTaskModel} and its AdamW: one run on the DL4J/ND4J engine. */
public final class SdSession extends SessionBase {
  private final RunConfig config;
  private final SdTaskModel model;
  private final SdAdamW optimizer;
  private boolean gradientGraphBuilt;

  /** A session around an already-built model (tests compare engines on the same model). */
  public SdSession(RunConfig config, SdTaskModel model) {
    this.config = config;
    this.model = model;
    this.optimizer = new SdAdamW(model.trainableNames(), parameters(), 0.0);
  }

  /** Builds the graph of {@code config} around loaded weights, with the method's adaptation. */
  public static SdSession open(RunConfig config, EncoderWeights weights,
      SdAdaptation adaptation) {
    SdRuntime.configure();
    return new SdSession(config, new SdTaskModel(config, weights, adaptation));
  }

  public SdTaskModel taskModel() {
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

  /** Loss and the gradients of the trainable parameters for one batch, without dropout. */
  public Gradients gradients(EncodedBatch batch) {
    return gradients(batch, null);
  }

  /**
   * Loss and gradients for one batch, without updating; {@code dropoutStep}: the training step
   * whose dropout masks apply (full finetuning), null for none.
   */
  public Gradients gradients(EncodedBatch batch, Long dropoutStep) {
    Map<String, INDArray> feeds = model.feeds(batch, true, dropoutStep);
    OutAndGrad result = gradientGraphBuilt
        ? model.graph().calculateGradientsAndOutputs(feeds, List.of(SdHead.LOSS),
            model.differentiated())
        : withoutStdout(() -> model.graph().calculateGradientsAndOutputs(feeds,
            List.of(SdHead.LOSS), model.differentiated()));
    gradientGraphBuilt = true;
    float loss = result.getOutputs().get(SdHead.LOSS).getFloat(0);
    Map<String, INDArray> grads = new HashMap<>(model.adaptation().trainableGradients(
        result.getGradients()));
    grads.keySet().retainAll(model.trainableNames());
    for (String name : model.trainableNames()) {
      grads.putIfAbsent(name, result.getGradients().get(name));
    }
    return new Gradients(loss, grads);
  }

  /**
   * Runs {@code work} with standard output muted: SameDiff M2.1 prints a line per op
   * ("Added differentiated op ...") to System.out while it builds the gradient graph.
   */
  private static <T> T withoutStdout(Supplier<T> work) {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return work.get();
    } finally {
      System.setOut(out);
    }
  }

  @Override
  public float trainStep(EncodedBatch batch, double learningRate) {
    Gradients step = gradients(batch, (long) optimizer.stepCount());
    TrainingSession.requireFinite(step.loss(), optimizer.stepCount(), learningRate);
    optimizer.step(parameters(), step.byName(), learningRate, config.maxGradNorm());
    return step.loss();
  }

  @Override
  public void predict(EncodedBatch batch, PredictionCollector collector) {
    collector.addLogits(model.logits(batch).dup('c').data().asFloat(), batch);
  }

  @Override
  public FusedModel fused() {
    return model.fused();
  }

  private Map<String, INDArray> parameters() {
    Map<String, INDArray> parameters = new HashMap<>();
    for (String name : model.trainableNames()) {
      parameters.put(name, model.graph().getArrForVarName(name));
    }
    return parameters;
  }

  @Override
  public String engineVersion() {
    return SdRuntime.version();
  }

  @Override
  public String device() {
    return SdRuntime.describe();
  }

  @Override
  public void close() {}

  /** A batch's loss and the gradient of every trainable parameter. */
  public record Gradients(float loss, Map<String, INDArray> byName) {}
}
