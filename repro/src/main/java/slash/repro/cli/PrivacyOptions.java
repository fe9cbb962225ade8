package slash.repro.cli;

import picocli.CommandLine.Option;
import slash.core.config.PrivacyConfig;
import slash.core.config.RunConfig;

/**
 * {@code --private} and its budget: DP-SGD with the run's {@code --batch} as the expected logical
 * batch and {@code --clip} as the per-example clipping norm C.
 */
final class PrivacyOptions {
  @Option(names = "--private", description = "train with DP-SGD (Poisson sampling, per-example "
      + "clipping to --clip, Gaussian noise, PRV accounting)")
  boolean enabled;

  @Option(names = "--epsilon", description = "target epsilon; sigma is calibrated for it "
      + "(default: 6.7, the paper's)")
  Double epsilon;

  @Option(names = "--noise-multiplier", description = "a fixed sigma instead of --epsilon")
  Double noiseMultiplier;

  @Option(names = "--delta", defaultValue = "1e-6", description = "target delta (default: "
      + "${DEFAULT-VALUE})")
  double delta;

  @Option(names = "--physical-batch", defaultValue = "32",
      description = "examples per backward pass (memory only; default: ${DEFAULT-VALUE})")
  int physicalBatch;

  @Option(names = "--eps-error", defaultValue = "0.1",
      description = "the PRV accountant's eps_error (default: ${DEFAULT-VALUE}, the paper's)")
  double epsError;

  @Option(names = "--secure-noise", description = "noise from SecureRandom (not reproducible)"
      + " instead of the seeded generator")
  boolean secureNoise;

  RunConfig apply(RunConfig config) {
    if (!enabled) {
      return config;
    }
    Double target = noiseMultiplier == null && epsilon == null ? Double.valueOf(6.7) : epsilon;
    return config.withPrivacy(new PrivacyConfig(target, noiseMultiplier, delta, physicalBatch,
        epsError, secureNoise).validate());
  }
}
