package slash.core.train;

/**
 * Hugging Face's linear schedule with warmup: the rate rises linearly from 0 over the warmup steps,
 * then falls linearly to 0 at the last step.
 */
public record LinearSchedule(double baseRate, int totalSteps, int warmupSteps)
    implements Schedule {

  public static LinearSchedule of(double baseRate, int totalSteps, double warmupRatio) {
    return new LinearSchedule(baseRate, totalSteps, (int) Math.ceil(totalSteps * warmupRatio));
  }

  @Override
  public double rate(int step) {
    if (step < warmupSteps) {
      return baseRate * step / Math.max(1, warmupSteps);
    }
    return baseRate * Math.max(0.0, (double) (totalSteps - step)
        / Math.max(1, totalSteps - warmupSteps));
  }
}
