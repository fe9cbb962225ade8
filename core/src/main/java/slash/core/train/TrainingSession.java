package slash.core.train;

import java.util.Map;
import slash.core.io.FloatTensor;
import slash.core.metrics.PredictionCollector;
import slash.core.text.EncodedBatch;

/**
 * One engine's model of a run (frozen encoder, method, head, optimizer), seen by the engine-neutral
 * {@link Trainer}. Tensor names in the states are the same on every engine, so a checkpoint
 * written by one engine loads in the other.
 */
public interface TrainingSession extends AutoCloseable {
  /**
   * Forward, backward and one AdamW update (gradient clipped to the config's norm) at {@code
   * learningRate}. Returns the batch loss. Throws {@link ArithmeticException} naming the step when
   * the loss or the gradient norm is not finite ({@link NonFiniteGradientException}), before
   * anything is updated and with the gradients cleared, so the step can be run again.
   */
  float trainStep(EncodedBatch batch, double learningRate);

  /**
   * Per-example gradients of a physical batch from ONE backward pass, where the method has them
   * (SLaSh, JR-WARP: per-example copies of the shifts or prompts, and the head's outer products).
   * Empty: the method has no one-pass path, and private training falls back to one backward
   * pass per example through {@link #gradient}.
   */
  default java.util.Optional<PerExampleGradients> perExampleGradients(EncodedBatch batch) {
    return java.util.Optional.empty();
  }

  /** The gradient of the batch's mean loss, without updating (nor clipping). */
  default BatchGradient gradient(EncodedBatch batch) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no gradient()");
  }

  /**
   * One optimizer update with a gradient computed outside (DP-SGD's clipped, noised, normalised
   * sum), flat in {@link #modelState()} order, applied as it is: no further clipping.
   */
  default void applyGradient(float[] gradient, double learningRate) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " cannot apply an external gradient");
  }

  /** Adds this batch's predictions (unfused forward) to {@code collector}. */
  void predict(EncodedBatch batch, PredictionCollector collector);

  /**
   * The trained model for inference, built once from the current state: the method folded into
   * the encoder's weights where it folds ({@code MethodConfig.fold}), the unfused model where it
   * does not (JR-WARP, WARP, adapters add positions or layers). Reuse it for every batch.
   */
  FusedModel fused();

  /** The trainable tensors of the model (method + head): what a checkpoint keeps. */
  Map<String, FloatTensor> modelState();

  void loadModel(Map<String, FloatTensor> state);

  /** Optimizer moments and step count, for resuming. */
  Map<String, FloatTensor> optimizerState();

  void loadOptimizer(Map<String, FloatTensor> state);

  /** Optimizer updates done so far (drives the learning-rate schedule). */
  int stepCount();

  long trainableCount();

  /** Engine, version and device, for provenance. */
  String engineVersion();

  String device();

  @Override
  void close();

  /** The check every engine makes on a loss before it backpropagates. */
  static void requireFinite(float loss, int stepsDone, double learningRate) {
    if (!Float.isFinite(loss)) {
      throw new ArithmeticException("loss is " + loss + " at step " + (stepsDone + 1)
          + " (learning rate " + learningRate + ")");
    }
  }

  /** The check every engine makes on the gradient norm before it updates. */
  static void requireFiniteNorm(double norm, int stepsDone) {
    if (!Double.isFinite(norm)) {
      throw new NonFiniteGradientException("gradient norm is " + norm + " at step "
          + (stepsDone + 1));
    }
  }

  /** Factor that scales gradients of global norm {@code norm} to at most {@code maxNorm}. */
  static float clipFactor(double norm, double maxNorm) {
    return maxNorm > 0 && norm > maxNorm ? (float) (maxNorm / (norm + 1e-6)) : 1f;
  }
}
