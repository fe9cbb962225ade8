package slash.repro.exec;

/**
 * An executor another module provides ({@code META-INF/services}), found by name: the Spark
 * executor lives in {@code slash-spark} so that the local CLI does not carry Spark.
 */
public interface RunExecutorProvider {
  /** The name {@code --executor} takes. */
  String name();

  RunExecutor open(ExecutorSettings settings);
}
