package slash.jupyter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import slash.core.config.RunConfig;
import slash.core.privacy.PrivacyReport;
import slash.core.train.EpochResult;
import slash.core.train.ProgressBar;
import slash.core.train.ProgressView;
import slash.core.train.TrainingListener;

/**
 * The notebook view of a run, the notebook's {@code ConsoleProgress}: one progress bar per epoch,
 * drawn in place through {@link Display#progress} (one output, redrawn a few times a second), whose
 * last state says the epoch's mean loss and dev metrics. Training inside a notebook therefore leaves
 * one line per epoch, never one per step; outside a kernel the bar prints a line at every tenth.
 *
 * <pre>{@code
 * var progress = new NotebookProgress();
 * new Trainer(config, new RunFolder(dir), RecomputingStep.INSTANCE, List.of(progress))
 *     .train(session, tokenizer, data);
 * progress.losses();   // every step's loss, for a chart
 * }</pre>
 *
 * <p>It also keeps what it saw (every step's loss, every epoch's result), so a notebook can chart
 * the loss curve without reading the run folder.
 */
public final class NotebookProgress implements TrainingListener {
  private final ProgressView.Factory views;
  private final List<Float> losses = new ArrayList<>();
  private final List<EpochResult> epochs = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<PrivacyReport> privacy = new ArrayList<>();
  /** ", epsilon 4.770 so far" once a private run has reported; empty otherwise. */
  private String spent = "";
  private ProgressBar bar;
  private double epochLoss;
  private int epochSteps;

  /** Bars drawn in the notebook (text lines outside a kernel). */
  public NotebookProgress() {
    this((label, total) -> Display.progressView());
  }

  /** Bars drawn through {@code views} (tests). */
  public NotebookProgress(ProgressView.Factory views) {
    this.views = views;
  }

  @Override
  public void onStart(RunConfig config, int epochsDone) {
    if (epochsDone > 0) {
      Display.text(String.format(Locale.ROOT, "resuming %s after epoch %d", config.method().label(),
          epochsDone));
    }
  }

  @Override
  public void onEpochStart(RunConfig config, int epoch, int batches) {
    closeBar();
    String label = String.format(Locale.ROOT, "%s epoch %d/%d", config.method().label(), epoch,
        config.epochs());
    bar = new ProgressBar(label, batches, views.open(label, batches));
    epochLoss = 0;
    epochSteps = 0;
  }

  @Override
  public void onStep(float loss) {
    losses.add(loss);
    epochLoss += loss;
    epochSteps++;
    if (bar != null) {
      bar.step(String.format(Locale.ROOT, "loss %.4f (mean %.4f)", loss, epochLoss / epochSteps)
          + spent);
    }
  }

  @Override
  public void onRecompute(String problem, int epoch) {
    String warning = "warning: " + problem + " in epoch " + epoch + "; recomputing the step";
    warnings.add(warning);
    System.err.println(warning);
  }

  /** A private run's budget after each epoch (the trainer reports it before the epoch's end). */
  @Override
  public void onPrivacySpent(PrivacyReport report) {
    privacy.add(report);
    spent = String.format(Locale.ROOT, ", epsilon %.3f so far", report.epsilon());
  }

  @Override
  public void onEpochEnd(RunConfig config, EpochResult e) {
    epochs.add(e);
    if (bar != null) {
      bar.set(bar.done(), String.format(Locale.ROOT, "train loss %.4f, dev %s, %.1f s",
          e.trainLoss(), metrics(e.metrics()), e.trainSeconds()) + spent);
    }
    closeBar();
  }

  /** Every step's loss, in order. */
  public List<Float> losses() {
    return Collections.unmodifiableList(losses);
  }

  /** Every finished epoch's result. */
  public List<EpochResult> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** A private run's budget spent after each epoch, in order (empty for a non-private run). */
  public List<PrivacyReport> privacySpent() {
    return Collections.unmodifiableList(privacy);
  }

  /** The recomputed steps' warnings (also printed to stderr). */
  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /** {@code accuracy 81.23, f1 80.10}: metrics as the bar's last state shows them. */
  static String metrics(Map<String, Double> metrics) {
    StringJoiner out = new StringJoiner(", ");
    metrics.forEach((k, v) -> out.add(String.format(Locale.ROOT, "%s %.2f", k, v)));
    return out.toString();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
