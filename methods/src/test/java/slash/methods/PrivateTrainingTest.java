package slash.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.baselines.lora.LoraConfig;
import slash.core.config.EngineName;
import slash.core.config.PrivacyConfig;
import slash.core.config.RunConfig;
import slash.core.data.Task;
import slash.core.privacy.PrivacyReport;
import slash.core.train.RunResult;
import slash.djl.Fixtures;
import slash.methods.slash.SlashConfig;

/** Whole private runs: what they spend, resuming, both engines, the looped fallback. */
class PrivateTrainingTest {
  @TempDir static Path dir;

  /** 400 smoke examples, logical batch 64 (q 0.16), 2 epochs: T = 12, physical batch 16. */
  static RunConfig config() {
    return Fixtures.smokeRun(dir.resolve("data"), Task.SST2, SlashConfig.of(16))
        .withTraining(1e-2, 2, 64).withPrivacy(new PrivacyConfig(6.7, null, 1e-6, 16, 0.1,
            false));
  }

  @Test
  void privateRunReachesItsBudgetReportsItAndResumesExactly() {
    RunConfig config = config();
    RunResult straight = Models.train(config, dir.resolve("straight"));
    PrivacyReport spent = straight.privacy();
    assertNotNull(spent);
    assertEquals(12, spent.steps());
    assertEquals(12, spent.plannedSteps());
    assertEquals(0.16, spent.sampleRate(), 1e-12);
    assertTrue(spent.epsilon() <= 6.7 && spent.epsilon() > 6.5, spent.line());
    assertTrue(spent.rdpEpsilon() >= spent.epsilon(), spent.line());
    // the record reads back from result.json
    assertEquals(spent, RunResult.read(dir.resolve("straight/result.json")).privacy());
    Path resumed = dir.resolve("resumed");
    assertThrows(IllegalStateException.class,
        () -> Models.train(config, resumed, Models.interruptAfter(1)));
    RunResult finished = Models.train(config, resumed);
    // Poisson samples seeded by epoch, noise by step, Adam state restored: the same run
    assertEquals(straight.epochs().get(1).trainLoss(), finished.epochs().get(1).trainLoss(),
        1e-6);
    assertEquals(straight.bestMetrics(), finished.bestMetrics());
    assertEquals(spent, finished.privacy());
  }

  @Test
  void bothEnginesTrainTheSamePrivateRun() {
    RunConfig config = config().withTraining(1e-2, 1, 64);
    RunResult djl = Models.train(config, dir.resolve("djl"));
    RunResult sd = Models.train(config.withEngine(EngineName.DL4J), dir.resolve("sd"));
    assertEquals(djl.epochs().get(0).trainLoss(), sd.epochs().get(0).trainLoss(), 1e-3);
    assertEquals(djl.privacy().epsilon(), sd.privacy().epsilon(), 1e-12);
  }

  @Test
  void otherMethodsTrainPrivatelyThroughTheLoopedFallback() {
    RunConfig config = Fixtures.smokeRun(dir.resolve("data"), Task.SST2, LoraConfig.of(1))
        .withTraining(1e-2, 1, 64).withPrivacy(new PrivacyConfig(null, 1.0, 1e-5, 16, 0.1,
            false));
    RunResult lora = Models.train(config, dir.resolve("lora"));
    assertEquals(6, lora.privacy().steps());
    assertTrue(Double.isFinite(lora.epochs().get(0).trainLoss()));
  }
}
