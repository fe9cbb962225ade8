package slash.core.config;

import slash.core.method.MethodConfig;
import slash.core.text.Representation;

/**
 * How a run trains: the finetuning method, the state its head reads, the optimizer, the batches,
 * the seed, and DP-SGD when private.
 *
 * @param seed the run seed: shuffling, initialisation, and the projection seed a method leaves
 *     unset
 * @param privacy DP-SGD settings; null for an ordinary run
 */
public record TrainingRecipe(MethodConfig method, Representation representation,
    Optimization optimization, Batching batching, long seed, PrivacyConfig privacy) {
  public TrainingRecipe validate() {
    ConfigException.require(method != null, "method", "is missing");
    optimization.validate();
    batching.validate();
    if (privacy != null) {
      privacy.validate();
      ConfigException.require(optimization.maxGradNorm() > 0, "maxGradNorm",
          "is the per-example clipping norm C of a private run and must be positive, was "
          + optimization.maxGradNorm());
    }
    return this;
  }
}
