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
import slash.core.privacy.Rounded;

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
    PrvAccountant prv = PrvAccountant.quick(epsError);
    RdpAccountant rdp = new RdpAccountant();
    if (given.sigma != null) {
      out.printf(Locale.ROOT, "sigma %s, q %s, T %d, delta %s%n", echo(given.sigma), echo(q),
          steps, echo(delta));
      double r = rdp.epsilon(q, given.sigma, steps, delta); // refuses bad input for both
      try {
        PrivacySpent p = prv.spent(q, given.sigma, steps, delta);
        out.printf(Locale.ROOT, "prv epsilon %s (lower %s, estimate %s, eps_error %s)%n",
            value(p.epsilon()), value(p.epsilonLower()), value(p.epsilonEstimate()),
            epsErrorUsed(prv, given.sigma));
      } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
        out.println(absent("epsilon", e));
      }
      out.printf(Locale.ROOT, "rdp epsilon %s%n", value(r));
      return 0;
    }
    out.printf(Locale.ROOT, "epsilon %s, q %s, T %d, delta %s%n", echo(given.epsilon), echo(q),
        steps, echo(delta));
    PrivacySpent p = null;
    RuntimeException prvFailure = null;
    try {
      p = new NoiseCalibrator(prv).calibrate(given.epsilon, delta, q, steps);
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      prvFailure = e;
    }
    PrivacySpent r;
    try {
      r = new NoiseCalibrator(rdp).calibrate(given.epsilon, delta, q, steps);
    } catch (RuntimeException e) {
      throw prvFailure != null ? prvFailure : e; // neither answers: one error line
    }
    if (p != null) {
      out.printf(Locale.ROOT, "prv sigma %s (epsilon %s at it, eps_error %s)%n",
          value(p.noiseMultiplier()), value(p.epsilon()), epsErrorUsed(prv, p.noiseMultiplier()));
    } else {
      out.println(absent("sigma", prvFailure));
    }
    out.printf(Locale.ROOT, "rdp sigma %s (epsilon %s at it)%n", value(r.noiseMultiplier()),
        value(r.epsilon()));
    return 0;
  }

  /**
   * The eps_error the PRV bounds carry at this sigma: --eps-error, or the wider one of the
   * largest mesh the command builds, saying so.
   */
  private String epsErrorUsed(PrvAccountant prv, double sigma) {
    double used = prv.meshEpsError(q, sigma, steps, delta);
    return used <= epsError ? echo(epsError) : Rounded.of(used) + ", widened from "
        + echo(epsError) + " to keep the mesh within " + prv.maxMesh() + " nodes";
  }

  /** One line saying why the PRV accountant gives no answer (the RDP one follows). */
  static String absent(String what, RuntimeException e) {
    String reason = String.valueOf(e.getMessage()).replaceFirst("^privacy field '([^']*)' ", "$1 ");
    return "prv " + what + ": none, the PRV accountant cannot answer: "
        + reason.lines().findFirst().orElse("");
  }

  /** A result: 4 decimals in the usual range, 3 significant digits outside it. */
  static String value(double x) {
    double abs = Math.abs(x);
    return x == 0 || (abs >= 1e-3 && abs < 1e4) ? String.format(Locale.ROOT, "%.4f", x)
        : Rounded.of(x);
  }

  /** An input as given, in DP papers' notation (1e-6, not 1.0E-6). */
  static String echo(double x) {
    String s = Double.toString(x);
    int e = s.indexOf('E');
    if (e < 0) {
      return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
    String mantissa = s.substring(0, e);
    return (mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa)
        + "e" + s.substring(e + 1);
  }
}
