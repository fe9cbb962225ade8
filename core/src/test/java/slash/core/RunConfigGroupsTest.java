package slash.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.config.ConfigException;
import slash.core.config.EngineName;
import slash.core.config.PrivacyConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.smoke.SmokeData;

/** The run config's small records hold what their names say, and each checks its own fields. */
class RunConfigGroupsTest {
  @TempDir Path dir;

  @Test
  void settingsLandInTheirRecords() {
    RunConfig config = RunConfig.defaults(Task.RTE, Scale.MINI, ProbeMethod.of(4)).toBuilder()
        .warmupRatio(0.2).maxGradNorm(3.0).maxTrainExamples(10).maxEvalExamples(5)
        .engine(EngineName.DL4J).build();
    assertEquals(0.2, config.recipe().optimization().warmupRatio());
    assertEquals(3.0, config.recipe().optimization().maxGradNorm());
    assertEquals(8, config.recipe().batching().batchSize());
    assertEquals(128, config.recipe().batching().maxLength());
    assertEquals(10, config.target().limits().train());
    assertEquals(5, config.target().limits().eval());
    assertEquals(EngineName.DL4J, config.target().engine());
    assertEquals(config, config.toBuilder().build());
  }

  @Test
  void withChangesOneSettingOnly() {
    RunConfig base = RunConfig.defaults(Task.SST2, Scale.SMOKE, ProbeMethod.of(4));
    RunConfig clipped = base.withMaxGradNorm(0.5);
    assertEquals(0.5, clipped.maxGradNorm());
    assertEquals(base.toBuilder().maxGradNorm(0.5).build(), clipped);
    assertEquals(base.warmupRatio(), clipped.warmupRatio());
    assertNull(base.withGroupByLength(true).withGroupByLength(false).groupByLength(),
        "ungrouped is written as no field, as before grouping existed");
  }

  @Test
  void eachRecordNamesItsField() {
    SmokeData.write(dir, 1, 10, 5);
    RunConfig ok = RunConfig.defaults(Task.SST2, Scale.SMOKE, ProbeMethod.of(4))
        .withDataDir(dir).validate();
    assertEquals("warmupRatio", field(ok.toBuilder().warmupRatio(1.0).build()));
    assertEquals("batchSize", field(ok.withTraining(1e-3, 1, 0)));
    assertEquals("maxEvalExamples", field(ok.withLimits(null, 0)));
    assertEquals("method", field(ok.withMethod(null)));
    assertEquals("maxGradNorm", field(ok.withPrivacy(PrivacyConfig.paper()).withMaxGradNorm(0)));
    RunConfig ner = RunConfig.defaults(Task.CONLL2003, Scale.SMOKE, ProbeMethod.of(4))
        .withDataDir(dir).validate();
    assertEquals("privacy", field(ner.withPrivacy(PrivacyConfig.paper())));
  }

  private static String field(RunConfig config) {
    return assertThrows(ConfigException.class, config::validate).field();
  }
}
