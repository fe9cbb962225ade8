package slash.core.train;

/** The same rate at every step: private training's, as the paper trains DP-SGD (no warmup). */
public record ConstantSchedule(double baseRate) implements Schedule {
  @Override
  public double rate(int step) {
    return baseRate;
  }
}
