package slash.repro.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import slash.core.config.EngineName;
import slash.core.config.Scale;
import slash.core.data.DataFolders;
import slash.core.model.EncoderSources;
import slash.core.smoke.SmokeData;

/**
 * What a run reads and runs on ({@code --data}, {@code --model}, {@code --engine}), declared once
 * for {@code train}, {@code step-time} and {@code repro} (a picocli mixin), with the one rule for
 * the data folder: {@link DataFolders}' order, or generated files at smoke scale.
 */
final class DataOptions {
  /** Where smoke scale writes its generated files when no {@code --data} is given. */
  static final Path SMOKE_DATA = Path.of("target/smoke-data");

  @Option(names = "--engine", defaultValue = "djl", converter = Converters.EngineConverter.class,
      description = "djl or dl4j (default: ${DEFAULT-VALUE})")
  EngineName engine;

  @Option(names = "--data", description = "data folder (default: $" + DataFolders.DATA_ENV
      + ", else data/glue in the checkout, else the fetch-data cache; at smoke scale files "
      + "generated into target/smoke-data). At mini scale without a QNLI train.tsv, QNLI "
      + "trains on the shipped QNLI dev set split by question")
  Path data;

  @Option(names = "--model", description = "a Hugging Face folder (required at full scale)")
  String model;

  /** The data folder at {@code scale}, where smoke scale has just generated its files. */
  DataFolders.Resolved folder(Scale scale) {
    DataFolders.Resolved resolved = scale == Scale.SMOKE && data == null
        ? new DataFolders.Resolved(SMOKE_DATA, "generated")
        : DataFolders.resolve(data);
    if (EncoderSources.generatesData(scale)) {
      SmokeData.write(resolved.dir(), 11, 400, 100); // smoke never reads real files
    }
    return resolved;
  }
}
