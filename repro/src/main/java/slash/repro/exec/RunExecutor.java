package slash.repro.exec;

import java.util.List;
import java.util.function.BiConsumer;
import slash.core.train.RunResult;
import slash.repro.tables.PlannedRun;

/**
 * Where a plan's pending runs train: in this process, one after another ({@link
 * LocalRunExecutor}, the default), or as one cluster task each (the {@code slash-spark} module).
 * The plan, the resume rule, the result files and the tables are the runner's, the same for
 * every executor.
 */
public interface RunExecutor extends AutoCloseable {
  /** For messages: "local", "spark local[2]". */
  String describe();

  /**
   * Trains every run with {@code trainer} and hands each result to {@code finished}, on the
   * calling thread, as it finishes (in any order); returns when every run has one. A run that
   * cannot be trained is a failed result ({@link RunResult#failed}), never an exception.
   */
  void execute(List<PlannedRun> runs, RunTrainer trainer,
      BiConsumer<PlannedRun, RunResult> finished);

  @Override
  default void close() {}
}
