package slash.repro.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import slash.repro.StepTiming;

/** {@code slash step-time}: ms per training step and per forward at a fixed batch shape. */
@Command(name = "step-time", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = Version.class,
    description = "Milliseconds per training step and per forward pass, every row full.")
final class StepTimeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunOptions run;

  @Option(names = "--steps", defaultValue = "10",
      description = "timed steps after 3 warm-up steps (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--private", description = "also time a DP-SGD step of the same physical "
      + "batch (per-example gradients, clipping, noise) and print the ratio")
  boolean privateStep;

  MethodOptions methods;

  @Override
  public Integer call() {
    StepTiming.run(TrainCommand.config(run, methods, spec, false), steps, privateStep);
    return 0;
  }
}
