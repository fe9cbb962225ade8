package slash.core.config;

/**
 * How the optimizer steps: AdamW's peak learning rate, the epochs, the linear warmup and the
 * gradient-norm clip.
 *
 * @param warmupRatio the fraction of all steps spent warming up, in [0, 1)
 * @param maxGradNorm the gradient-norm clip (0: none); a private run's per-example clipping norm C
 */
public record Optimization(double learningRate, int epochs, double warmupRatio,
    double maxGradNorm) {
  public Optimization validate() {
    ConfigException.require(learningRate > 0 && Double.isFinite(learningRate), "learningRate",
        "must be a positive number, was " + learningRate);
    ConfigException.require(epochs > 0, "epochs", "must be positive, was " + epochs);
    ConfigException.require(warmupRatio >= 0 && warmupRatio < 1, "warmupRatio",
        "must be in [0, 1), was " + warmupRatio);
    ConfigException.require(maxGradNorm >= 0, "maxGradNorm",
        "must be >= 0 (0 disables clipping), was " + maxGradNorm);
    return this;
  }
}
