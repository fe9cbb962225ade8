package slash.spark;

import slash.repro.exec.ExecutorSettings;
import slash.repro.exec.RunExecutor;
import slash.repro.exec.RunExecutorProvider;

/** {@code --executor spark}. */
public final class SparkExecutorProvider implements RunExecutorProvider {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public RunExecutor open(ExecutorSettings settings) {
    return new SparkRunExecutor(settings);
  }
}
