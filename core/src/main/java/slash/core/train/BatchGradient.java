package slash.core.train;

/**
 * The gradient of a batch's mean loss, flattened over the trainable tensors in the order of
 * {@link TrainingSession#modelState()}, computed without updating anything.
 */
public record BatchGradient(float loss, float[] gradient) {}
