package slash.core.train;

import java.util.Locale;
import slash.core.config.RunConfig;
import slash.core.privacy.PrivacyReport;

/**
 * The console view of a run: a progress bar per epoch on stderr, one line per epoch. A private
 * run's bar also shows the epsilon spent by the epochs finished so far.
 */
public final class ConsoleProgress implements TrainingListener {
  private ProgressBar bar;
  private String spent = "";

  @Override
  public void onStart(RunConfig config, int epochsDone) {
    if (epochsDone > 0) {
      System.err.printf(Locale.ROOT, "resuming %s after epoch %d%n", config.method().label(),
          epochsDone);
    }
  }

  @Override
  public void onEpochStart(RunConfig config, int epoch, int batches) {
    bar = new ProgressBar(String.format(Locale.ROOT, "%s epoch %d/%d", config.method().label(),
        epoch, config.epochs()), batches);
  }

  @Override
  public void onStep(float loss) {
    bar.step(String.format(Locale.ROOT, "loss %.4f", loss) + spent);
  }

  @Override
  public void onRecompute(String problem, int epoch) {
    System.err.println("warning: " + problem + " in epoch " + epoch + "; recomputing the step");
  }

  @Override
  public void onPrivacySpent(PrivacyReport report) {
    System.err.println("privacy spent: " + report.line());
    spent = String.format(Locale.ROOT, ", epsilon %.3f so far", report.epsilon());
  }

  @Override
  public void onEpochEnd(RunConfig config, EpochResult e) {
    if (bar != null) {
      bar.close(); // the last state, if the view held it back
    }
    System.err.printf(Locale.ROOT, "epoch %d: train loss %.4f, dev %s, %.1f s%n", e.epoch(),
        e.trainLoss(), e.metrics(), e.trainSeconds());
  }
}
