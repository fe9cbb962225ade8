package slash.repro.tables;

import slash.core.data.Task;

/** A column of a paper table: the paper's header, the task behind it, and what it measures. */
public record Column(String paperName, Task task, Measure measure) {
  /** The dev-set metric of the task, its test-set metric, or Table 5's cost of one epoch. */
  public enum Measure {
    DEV_METRIC, TEST_METRIC, EPOCH_SECONDS, PEAK_MEMORY_GB;

    /** Table 5's time or memory: lower is better. */
    public boolean isCost() {
      return this == EPOCH_SECONDS || this == PEAK_MEMORY_GB;
    }
  }

  public static Column dev(Task task) {
    return new Column(task.dirName(), task, Measure.DEV_METRIC);
  }
}
