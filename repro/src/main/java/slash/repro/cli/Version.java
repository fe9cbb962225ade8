package slash.repro.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project's version and the engines it was built with. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Package p = Version.class.getPackage();
    String version = p == null || p.getImplementationVersion() == null ? "development build"
        : p.getImplementationVersion();
    return new String[] {"slash-repro " + version, "DJL " + ai.djl.engine.Engine.getDjlVersion()
        + " (PyTorch engine), ND4J 1.0.0-M2.1 (SameDiff)", "Java " + Runtime.version()};
  }
}
