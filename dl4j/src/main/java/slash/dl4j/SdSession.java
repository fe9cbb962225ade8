package slash.dl4j;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.train.TrainingDevice;
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
    return open(config, weights, adaptation, TrainingDevice.ENGINE_DEFAULT);
  }

  /**
   * {@link #open} on {@code device}: a GPU binds this thread to it (ND4J's device affinity); the
   * CPU backend cannot take a GPU, nor the CUDA backend the CPU (one sentence says so).
   */
  public static SdSession open(RunConfig config, EncoderWeights weights,
      SdAdaptation adaptation, TrainingDevice device) {
    SdRuntime.configure();
    SdRuntime.bind(device);
    return new SdSession(config, new SdTaskModel(config, weights, adaptation));
  }

  public SdTaskModel taskModel() {
    return model;
  }

  /**
   * Batch lengths are rounded up to a multiple of this ({@code slash.dl4j.lengthBucket}, 1 for
   * none): with dynamic padding every new length is a new set of op shapes, each a miss in
   * {@link SdArrayPool}; a few fixed lengths let one epoch's buffers serve all its batches.
   */
  static final int LENGTH_BUCKET = Integer.getInteger("slash.dl4j.lengthBucket", 16);

  /**
   * {@code batch} padded to its length bucket, never past the run's maximum length (nor the
   * encoder's positions). Not with dropout: its masks are drawn per shape, and full finetuning
   * must draw the masks DJL draws for the same batch.
   */
  public EncodedBatch bucketed(EncodedBatch batch) {
    if (LENGTH_BUCKET <= 1 || model.hasDropout()) {
      return batch;
    }
    int rounded = (batch.length() + LENGTH_BUCKET - 1) / LENGTH_BUCKET * LENGTH_BUCKET;
    int cap = Math.max(batch.length(), Math.min(config.maxLength(),
        model.encoder().maxSequenceLength()));
    return batch.paddedTo(Math.min(rounded, cap), model.encoder().padTokenId());
  }

  @Override
  protected ModelState model() {
    return model;
  }

  @Override
  protected OptimizerState optimizer() {
    return optimizer.moments();
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
    return gradients(model.feeds(bucketed(batch), true, dropoutStep));
  }

  private Gradients gradients(Map<String, INDArray> feeds) {
    Pass pass = run(feeds, model.differentiated(), List.of());
    Map<String, INDArray> grads = new HashMap<>(model.adaptation().trainableGradients(
        pass.gradients()));
    grads.keySet().retainAll(model.trainableNames());
    for (String name : model.trainableNames()) {
      grads.putIfAbsent(name, pass.gradients().get(name));
    }
    return new Gradients(pass.loss(), grads);
  }

  /** The loss, the requested outputs and the gradients of {@code differentiated}. */
  private record Pass(float loss, Map<String, INDArray> outputs,
      Map<String, INDArray> gradients) {}

  /**
   * calculateGradientsAndOutputs without its one costly choice: M2.1 switches the gradient
   * function's array cache off on every call, so every op output of forward and backward is a
   * fresh native buffer (freed only on GC). Running the gradient function with the cache on
   * reuses the buffers the previous step released. The gradient graph is built once, with
   * {@link SdSplitGradients}' gradients (frozen operands' gradients never computed).
   */
  private Pass run(Map<String, INDArray> feeds, List<String> differentiated,
      List<String> extraOutputs) {
    SameDiff sd = model.graph();
    if (!sd.hasGradientFunction()) {
      withoutStdout(() -> SdSplitGradients.during(() -> {
        sd.createGradFunction();
        return null;
      }));
    }
    List<String> outputs = new ArrayList<>();
    outputs.add(SdHead.LOSS);
    outputs.addAll(extraOutputs);
    Map<String, String> gradientOf = new HashMap<>();
    for (String name : differentiated) {
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
    Map<String, INDArray> extra = new HashMap<>();
    extraOutputs.forEach(name -> extra.put(name, out.get(name)));
    return new Pass(out.get(SdHead.LOSS).getFloat(0), extra, grads);
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
    Map<String, INDArray> feeds = model.feeds(bucketed(batch), true,
        (long) stepCount());
    Gradients step = gradients(feeds);
    TrainingSession.requireFinite(step.loss(), stepCount(), learningRate);
    optimizer.step(parameters(), step.byName(), learningRate, config.maxGradNorm());
    // Nothing refers to this step's inputs and gradients any more: their buffers serve the next.
    SdArrayPool pool = SdArrayPool.current();
    feeds.values().forEach(pool::release);
    step.byName().values().forEach(pool::release);
    return step.loss();
  }

  @Override
  public BatchGradient gradient(EncodedBatch batch) {
    // M2.1 gives a near-zero gradient for a one-row regression batch (loss right, gradient not;
    // PerExampleGradientTest): the row twice has the same mean-loss gradient and comes out right.
    EncodedBatch rows = batch.size() == 1 && config.task().kind() == TaskKind.REGRESSION
        ? twice(batch) : batch;
    Gradients g = gradients(rows, (long) stepCount());
    TrainingSession.requireFinite(g.loss(), stepCount(), 0);
    List<float[]> parts = new ArrayList<>();
    for (String name : model.trainableNames()) {
      parts.add(g.byName().get(name).dup('c').data().asFloat());
    }
    return new BatchGradient(g.loss(), FlatGradient.concat(parts));
  }

  private static EncodedBatch twice(EncodedBatch b) {
    return new EncodedBatch(2, b.length(), repeat(b.inputIds()), repeat(b.attentionMask()),
        b.tokenTypeIds() == null ? null : repeat(b.tokenTypeIds()),
        new int[] {b.representationIndex()[0], b.representationIndex()[0]},
        new float[] {b.labels()[0], b.labels()[0]}, null);
  }

  private static long[] repeat(long[] a) {
    long[] out = Arrays.copyOf(a, 2 * a.length);
    System.arraycopy(a, 0, out, a.length, a.length);
    return out;
  }

  @Override
  public void applyGradient(float[] gradient, double learningRate) {
    Map<String, INDArray> parameters = parameters();
    List<String> names = model.trainableNames();
    List<float[]> parts = FlatGradient.split(gradient,
        names.stream().mapToLong(name -> parameters.get(name).length()).toArray());
    Map<String, INDArray> byName = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.put(names.get(i), Nd4j.create(parts.get(i), parameters.get(names.get(i)).shape(),
          'c'));
    }
    optimizer.step(parameters, byName, learningRate, 0);
  }

  /**
   * One forward and ONE backward pass for the whole batch ({@link SdPerExample}); the head's
   * per-example gradients are outer products ({@link HeadGradients}). Empty where the method has
   * no per-example copies, trains encoder weights, or the task is a token task.
   */
  @Override
  public Optional<PerExampleGradients> perExampleGradients(EncodedBatch batch) {
    if (!(model.adaptation() instanceof SdPerExample method)
        || model.trainableNames().size() != model.adaptation().trainableNames().size() + 2
        || config.task().kind() == TaskKind.TOKEN_CLASSIFICATION) {
      return Optional.empty();
    }
    EncodedBatch padded = bucketed(batch);
    int b = padded.size();
    SameDiff sd = model.graph();
    method.perExample(sd, b, padded.length());
    try {
      Map<String, INDArray> feeds = model.feeds(padded, true, null);
      Pass pass = run(feeds, method.perExampleVariables(),
          List.of(SdHead.LOGITS, SdHead.REPRESENTATION));
      TrainingSession.requireFinite(pass.loss(), stepCount(), 0);
      // the loss is the mean: its copies' gradients are 1/B of each example's own
      Map<String, INDArray> grads = new HashMap<>();
      pass.gradients().forEach((name, g) -> grads.put(name, g.mul(b)));
      float[][] own = method.perExampleGradients(sd, grads, b, padded.length());
      float[] representation = pass.outputs().get(SdHead.REPRESENTATION).dup('c').data()
          .asFloat();
      float[] logits = pass.outputs().get(SdHead.LOGITS).dup('c').data().asFloat();
      return Optional.of(PerExampleGradients.withHead(own, config.task().kind(), logits,
          logits.length / b, batch.labels(), representation));
    } finally {
      method.perExample(sd, 0, 0);
    }
  }

  @Override
  public void predict(EncodedBatch batch, PredictionCollector collector) {
    if (forwardProfile != null && model.graph().getListeners().isEmpty()) {
      model.graph().addListeners(forwardProfile);
    }
    EncodedBatch padded = bucketed(batch);
    collector.addLogits(model.logits(padded).dup('c').data().asFloat(), padded);
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
