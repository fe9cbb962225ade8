package slash.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.train.EpochResult;
import slash.core.train.ProgressView;
import slash.methods.slash.SlashConfig;

/** The notebook training listener: one in-place output per epoch, whatever the number of steps. */
class NotebookProgressTest {
  record Shown(Map<String, Object> data, String id, boolean update) {
  }

  private final List<Shown> shown = new ArrayList<>();

  @AfterEach
  void uninstall() {
    Display.install(null);
  }

  @Test
  void everyEpochIsOneOutputUpdatedInPlaceEndingWithItsDevMetrics() {
    Display.install((data, metadata, id, update) -> shown.add(new Shown(data, id, update)));
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, SlashConfig.of(8))
        .withTraining(1e-2, 2, 8);
    NotebookProgress progress = new NotebookProgress(); // inside a "kernel": the notebook view
    progress.onStart(config, 0);
    for (int epoch = 1; epoch <= 2; epoch++) {
      progress.onEpochStart(config, epoch, 300);
      for (int step = 0; step < 300; step++) {
        progress.onStep(1f / (step + 1));
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("accuracy", 80.0 + epoch);
      progress.onEpochEnd(config, new EpochResult(epoch, 0.5, metrics, 1.5, 5, 0));
    }

    List<String> ids = shown.stream().map(Shown::id).distinct().toList();
    assertEquals(2, ids.size(), "one output per epoch");
    assertTrue(shown.size() < 20, "throttled: " + shown.size() + " messages for 600 steps");
    for (String id : ids) {
      List<Shown> mine = shown.stream().filter(s -> s.id().equals(id)).toList();
      assertFalse(mine.get(0).update(), "shown once");
      mine.subList(1, mine.size()).forEach(s -> assertTrue(s.update(), "then updated in place"));
    }
    String last = (String) shown.get(shown.size() - 1).data().get("text/plain");
    assertTrue(last.startsWith("slash-d8 epoch 2/2 [########################] 300/300"), last);
    assertTrue(last.endsWith("train loss 0.5000, dev accuracy 82.00, 1.5 s"), last);
    assertEquals(600, progress.losses().size());
    assertEquals(2, progress.epochs().size());
  }

  @Test
  void outsideANotebookItPrintsAboutTenLinesAnEpoch() {
    List<String> lines = new ArrayList<>();
    NotebookProgress progress = new NotebookProgress((label, total) -> new ProgressView() {
      @Override
      public void update(long done, long total2, String line) {
        if (done == total2) {
          lines.add(line);
        }
      }

      @Override
      public void close() {
      }
    });
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, SlashConfig.of(8));
    progress.onEpochStart(config, 1, 3);
    progress.onStep(0.7f);
    progress.onStep(0.6f);
    progress.onStep(0.5f);
    progress.onEpochEnd(config, new EpochResult(1, 0.6, Map.of("accuracy", 75.0), 0.1, 30, 0));
    assertEquals(2, lines.size()); // the last step, then the epoch's result in the same bar
    assertTrue(lines.get(0).endsWith("loss 0.5000 (mean 0.6000)"), lines.get(0));
    assertTrue(lines.get(1).endsWith("train loss 0.6000, dev accuracy 75.00, 0.1 s"), lines.get(1));
  }

  @Test
  void aPrivateRunsBarsShowTheBudgetSpentSoFar() {
    Display.install((data, metadata, id, update) -> shown.add(new Shown(data, id, update)));
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.SMOKE, SlashConfig.of(8))
        .withTraining(1e-2, 2, 8);
    NotebookProgress progress = new NotebookProgress();
    progress.onEpochStart(config, 1, 10);
    for (int step = 0; step < 10; step++) {
      progress.onStep(0.5f);
    }
    // the trainer reports the budget after the epoch's steps, before its end
    var report = slash.core.privacy.PrivacyReport.of(0.1, 1e-6, 0.86, 0.1, 30, 10, 1.0, 100,
        32, false);
    progress.onPrivacySpent(report);
    progress.onEpochEnd(config, new EpochResult(1, 0.5, Map.of("accuracy", 51.0), 1.5, 10, 0));
    String last = (String) shown.get(shown.size() - 1).data().get("text/plain");
    assertTrue(last.endsWith(String.format(java.util.Locale.ROOT,
        "train loss 0.5000, dev accuracy 51.00, 1.5 s, epsilon %.3f so far", report.epsilon())),
        last);
    assertTrue(report.epsilon() > 0);
    assertEquals(List.of(report), progress.privacySpent());
  }
}
