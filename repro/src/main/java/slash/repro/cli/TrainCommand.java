package slash.repro.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import slash.core.config.RunConfig;
import slash.core.train.ConsoleProgress;
import slash.core.train.RunResult;
import slash.core.train.Runs;
import slash.methods.MethodRegistry;
import slash.methods.Sessions;
import slash.repro.ModelCache;

/** {@code slash train}: one run, resumable, into a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = Version.class,
    description = "Train one method on one task; re-running the same command resumes it.")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunOptions run;
  @Mixin PrivacyOptions privacy;

  @Option(names = "--out", description = "run folder (default: target/runs/<task>-<method>-"
      + "<engine>-seed<seed>)")
  Path out;

  MethodOptions methods;

  /** The run this command line describes, before its privacy options. */
  static RunConfig config(RunOptions run, MethodOptions methods, CommandSpec spec,
      boolean privately) {
    return run.config(methods.config(MethodRegistry.byId(run.method),
        spec.commandLine().getParseResult()), privately);
  }

  @Override
  public Integer call() {
    RunConfig config = privacy.apply(config(run, methods, spec, privacy.enabled));
    Path folder = out != null ? out : Path.of("target/runs/" + config.task().dirName() + "-"
        + config.method().label() + "-" + config.engine().name().toLowerCase(Locale.ROOT)
        + (config.isPrivate() ? "-private" : "") + "-seed" + config.seed());
    print(Runs.train(config, folder, ModelCache.dir(), Sessions.factory(config),
        List.of(new ConsoleProgress())));
    return 0;
  }

  static void print(RunResult result) {
    RunConfig c = result.config();
    System.out.printf(Locale.ROOT, "%s %s on %s (%s scale): final epoch %d, dev %s "
        + "(best epoch %d: %s)%n", c.method().label(), c.representation(), c.task().dirName(),
        c.scale().name().toLowerCase(Locale.ROOT), result.epochs().size(),
        result.finalMetrics(), result.bestEpoch(), result.bestMetrics());
    System.out.printf(Locale.ROOT, "trainable parameters %,d; %.1f ms/step; %.1f s/epoch; "
        + "peak RSS %d MB; %s%n", result.trainableParameters(), result.msPerStep(),
        result.secondsPerEpoch(), result.peakRssBytes() >> 20, result.device());
    if (result.privacy() != null) {
      System.out.println("privacy spent: " + result.privacy().line());
    }
  }
}
