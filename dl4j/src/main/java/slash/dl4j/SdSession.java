package slash.dl4j;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
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
  private final SdOpProfile profile = SdOpProfile.ENABLED ? new SdOpProfile() : null;
  private final SdOpProfile forwardProfile = SdOpProfile.ENABLED ? new SdOpProfile() : null;

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
    return gradients(model.feeds(batch, true, dropoutStep));
  }

  private Gradients gradients(Map<String, INDArray> feeds) {
    OutAndGrad result = run(feeds);
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
   * calculateGradientsAndOutputs without its one costly choice: M2.1 switches the gradient
   * function's array cache off on every call, so every op output of forward and backward is a
   * fresh native buffer (freed only on GC). Running the gradient function with the cache on
   * reuses the buffers the previous step released. The gradient graph is built once, with
   * {@link SdSplitGradients}' gradients (frozen operands' gradients never computed).
   */
  private OutAndGrad run(Map<String, INDArray> feeds) {
    SameDiff sd = model.graph();
    if (!sd.hasGradientFunction()) {
      withoutStdout(() -> SdSplitGradients.during(() -> {
        sd.createGradFunction();
        return null;
      }));
    }
    List<String> outputs = new ArrayList<>();
    outputs.add(SdHead.LOSS);
    Map<String, String> gradientOf = new HashMap<>();
    for (String name : model.differentiated()) {
      SDVariable gradient = sd.getVariable(name).getGradient();
      if (gradient != null) {
        gradientOf.put(name, gradient.name());
        outputs.add(gradient.name());
      }
    }
    SameDiff gradFn = sd.getFunction("grad");
    gradFn.setEnableCache(true);
    if (profile != null && gradFn.getListeners().isEmpty()) {
      gradFn.addListeners(profile);
    }
    Map<String, INDArray> out = gradFn.output(feeds, outputs.toArray(new String[0]));
    Map<String, INDArray> grads = new HashMap<>();
    gradientOf.forEach((name, gradient) -> grads.put(name, out.get(gradient)));
    return new OutAndGrad(Map.of(SdHead.LOSS, out.get(SdHead.LOSS)), grads);
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
    Map<String, INDArray> feeds = model.feeds(batch, true, (long) optimizer.stepCount());
    Gradients step = gradients(feeds);
    TrainingSession.requireFinite(step.loss(), optimizer.stepCount(), learningRate);
    optimizer.step(parameters(), step.byName(), learningRate, config.maxGradNorm());
    // Nothing refers to this step's inputs and gradients any more: their buffers serve the next.
    SdArrayPool pool = SdArrayPool.current();
    feeds.values().forEach(pool::release);
    step.byName().values().forEach(pool::release);
    return step.loss();
  }

  @Override
  public void predict(EncodedBatch batch, PredictionCollector collector) {
    if (forwardProfile != null && model.graph().getListeners().isEmpty()) {
      model.graph().addListeners(forwardProfile);
    }
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
  public void close() {
    if (profile != null) {
      profile.print("training steps (forward + backward)");
      forwardProfile.print("forward passes (predict)");
      System.err.println(SdArrayPool.current().stats());
    }
  }

  /** A batch's loss and the gradient of every trainable parameter. */
  public record Gradients(float loss, Map<String, INDArray> byName) {}
}
