package slash.repro.exec;

import java.util.ServiceLoader;
import java.util.TreeSet;

/** {@code --executor NAME}: "local", or a provider on the class path. */
public final class RunExecutors {
  private RunExecutors() {}

  public static RunExecutor open(String name, ExecutorSettings settings) {
    if (name.equals("local")) {
      if (settings.master() != null || !settings.conf().isEmpty() || settings.shipData()) {
        throw new IllegalArgumentException("--master, --conf and --ship-data are for a cluster "
            + "executor (--executor spark); the local executor takes none");
      }
      return new LocalRunExecutor();
    }
    TreeSet<String> known = new TreeSet<>();
    known.add("local");
    for (RunExecutorProvider provider : ServiceLoader.load(RunExecutorProvider.class)) {
      if (provider.name().equals(name)) {
        return provider.open(settings);
      }
      known.add(provider.name());
    }
    throw new IllegalArgumentException("--executor " + name + " is not on this class path "
        + "(here: " + String.join(", ", known) + ")" + (name.equals("spark")
            ? "; the Spark executor is the slash-spark module: ./slash runs it when the command "
                + "says --executor spark, spark-submit with the jars its build lists (README, "
                + "\"Running on a cluster\")" : ""));
  }
}
