package slash.core.train;

/**
 * The learning rate of each optimizer step: the one thing that decides it during a run. The step
 * policy picks the schedule ({@link StepPolicy#schedule}), the trainer applies it, and the policy
 * takes the rate it is given.
 */
public interface Schedule {
  /** Rate for the (0-based) step about to be taken. */
  double rate(int step);
}
