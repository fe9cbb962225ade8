package slash.repro.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import slash.core.privacy.NoiseCalibrator;
import slash.core.privacy.PrivacySpent;
import slash.core.privacy.PrvAccountant;
import slash.core.privacy.RdpAccountant;

/** {@code slash privacy}: epsilon for a sigma, or sigma for an epsilon, from both accountants. */
@Command(name = "privacy", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = Version.class,
    description = "Epsilon of T steps of the Poisson-subsampled Gaussian (DP-SGD) for a noise "
        + "multiplier, or the noise multiplier for a target epsilon, from the PRV and RDP "
        + "accountants.")
final class PrivacyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--q", required = true, description = "sampling rate (batch / train size)")
  double q;

  @Option(names = "--steps", required = true, description = "steps T")
  int steps;

  @Option(names = "--delta", defaultValue = "1e-6", description = "delta (default: "
      + "${DEFAULT-VALUE})")
  double delta;

  @Option(names = "--eps-error", defaultValue = "0.1",
      description = "the PRV accountant's eps_error (default: ${DEFAULT-VALUE})")
  double epsError;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Given given;

  static final class Given {
    @Option(names = "--sigma", description = "noise multiplier: print epsilon")
    Double sigma;

    @Option(names = "--epsilon", description = "target epsilon: print the noise multiplier")
    Double epsilon;
  }

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    PrvAccountant prv = new PrvAccountant(epsError);
    RdpAccountant rdp = new RdpAccountant();
    if (given.sigma != null) {
      PrivacySpent p = prv.spent(q, given.sigma, steps, delta);
      double r = rdp.epsilon(q, given.sigma, steps, delta);
      out.printf(Locale.ROOT, "sigma %s, q %s, T %d, delta %s%n", given.sigma, q, steps,
          delta);
      out.printf(Locale.ROOT, "prv epsilon %.4f (lower %.4f, estimate %.4f, eps_error "
          + "%s)%n", p.epsilon(), p.epsilonLower(), p.epsilonEstimate(), epsError);
      out.printf(Locale.ROOT, "rdp epsilon %.4f%n", r);
      return 0;
    }
    out.printf(Locale.ROOT, "epsilon %s, q %s, T %d, delta %s%n", given.epsilon, q, steps,
        delta);
    PrivacySpent p = new NoiseCalibrator(prv).calibrate(given.epsilon, delta, q, steps);
    out.printf(Locale.ROOT, "prv sigma %.4f (epsilon %.4f at it)%n", p.noiseMultiplier(),
        p.epsilon());
    PrivacySpent r = new NoiseCalibrator(rdp).calibrate(given.epsilon, delta, q, steps);
    out.printf(Locale.ROOT, "rdp sigma %.4f (epsilon %.4f at it)%n", r.noiseMultiplier(),
        r.epsilon());
    return 0;
  }
}
