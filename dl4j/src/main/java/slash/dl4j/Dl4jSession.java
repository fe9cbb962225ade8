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
import slash.core.io.FloatTensor;
import slash.core.metrics.PredictionCollector;
import slash.core.model.EncoderWeights;
import slash.core.text.EncodedBatch;
import slash.core.train.TrainingSession;

/** An {@link SdTaskModel} and its AdamW: one run on the DL4J/ND4J engine. */
public final class Dl4jSession implements TrainingSession {
  private final RunConfig config;
  private final SdTaskModel model;
  private final Nd4jAdamW optimizer;
  private boolean gradientGraphBuilt;

  public Dl4jSession(RunConfig config, SdTaskModel model) {
    this.config = config;
    this.model = model;
    this.optimizer = new Nd4jAdamW(model.trainableNames(), parameters(), 0.0);
  }

  /** Builds the graph of this config around {@code weights}. */
  public static Dl4jSession open(RunConfig config, EncoderWeights weights) {
    Nd4jRuntime.configure();
    return new Dl4jSession(config, new SdTaskModel(config, weights));
  }

  public SdTaskModel model() {
    return model;
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
  public float[] fusedLogits(EncodedBatch batch) {
    return model.fused().logits(batch).dup('c').data().asFloat();
  }

  private Map<String, INDArray> parameters() {
    Map<String, INDArray> parameters = new HashMap<>();
    for (String name : model.trainableNames()) {
      parameters.put(name, model.graph().getArrForVarName(name));
    }
    return parameters;
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
    return Nd4jRuntime.version();
  }

  @Override
  public String device() {
    return Nd4jRuntime.describe();
  }

  @Override
  public void close() {}

  /** A batch's loss and the gradient of every trainable parameter. */
  public record Gradients(float loss, Map<String, INDArray> byName) {}
}
