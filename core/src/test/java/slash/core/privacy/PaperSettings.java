package slash.core.privacy;

/**
 * The paper's private training: batch 2048, 20 epochs, delta 1e-6, target epsilon 6.7, on the
 * GLUE training sets of these sizes (the oracle's q = 2048 / N to 6 digits and T identify them).
 */
final class PaperSettings {
  static final int MNLI = 392702;
  static final int QQP = 363846;
  static final int QNLI = 104743;
  static final int SST2 = 67349;
  static final int BATCH = 2048;
  static final int EPOCHS = 20;

  private PaperSettings() {}

  static double sampleRate(int trainSize) {
    return BATCH / (double) trainSize;
  }

  static int steps(int trainSize) {
    return EPOCHS * (trainSize / BATCH);
  }
}
