package slash.repro.cli;

import picocli.CommandLine.ITypeConverter;
import slash.core.config.EngineName;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.text.Representation;

/** The project's own parsers (aliases such as sst2 / SST-2) as picocli converters. */
final class Converters {
  private Converters() {}

  static final class TaskConverter implements ITypeConverter<Task> {
    @Override
    public Task convert(String value) {
      return Task.parse(value);
    }
  }

  static final class ScaleConverter implements ITypeConverter<Scale> {
    @Override
    public Scale convert(String value) {
      return Scale.parse(value);
    }
  }

  static final class EngineConverter implements ITypeConverter<EngineName> {
    @Override
    public EngineName convert(String value) {
      return EngineName.parse(value);
    }
  }

  static final class RepresentationConverter implements ITypeConverter<Representation> {
    @Override
    public Representation convert(String value) {
      return Representation.parse(value);
    }
  }
}
