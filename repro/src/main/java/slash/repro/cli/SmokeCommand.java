package slash.repro.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.smoke.SmokeData;
import slash.core.train.ConsoleProgress;
import slash.core.train.Runs;
import slash.methods.Sessions;
import slash.methods.slash.SlashConfig;
import slash.repro.ModelCache;
import slash.repro.tables.LearningRates;

/** {@code slash smoke}: SLaSh on generated SST-2 data, in seconds. */
@Command(name = "smoke", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Train and evaluate SLaSh on generated SST-2 data (a few seconds).")
final class SmokeCommand implements Callable<Integer> {
  @Option(names = "--d", defaultValue = "64", description = "size of z (default: ${DEFAULT-VALUE})")
  int d;

  @Option(names = "--data", defaultValue = "target/smoke-data",
      description = "where the generated files go (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--out", defaultValue = "target/runs/smoke-slash",
      description = "run folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() {
    SmokeData.write(data, 11, 400, 100);
    SlashConfig method = SlashConfig.of(d);
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, method).withDataDir(data)
        .withTraining(LearningRates.of(Scale.SMOKE, method, Task.SST2, null, false, null), 6, 16)
        .withMaxLength(64);
    TrainCommand.print(Runs.train(config, out, ModelCache.dir(), Sessions.factory(config),
        List.of(new ConsoleProgress())));
    return 0;
  }
}
