package slash.repro.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import slash.core.config.RunConfig;
import slash.core.io.Json;
import slash.core.method.MethodConfig;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.projection.ProjectionStorage;
import slash.core.train.RunResult;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.ShiftPosition;
import slash.methods.slash.SlashConfig;

/**
 * SLaSh's and JR-WARP's configs keep their JSON and their run keys: a committed run is found by
 * the key its config hashes to, so any change to how these records serialize would orphan every
 * committed SLaSh and JR-WARP result (and every checkpoint's metadata would no longer read).
 */
class ProjectionConfigPinTest {
  /** The checkout: this module's parent (surefire runs in the module folder). */
  private static final Path RUNS = Path.of("..", "results", "mini", "runs");

  /** Every committed SLaSh and JR-WARP run still hashes to its file name and rewrites its JSON. */
  @Test
  void committedRunsKeepTheirKeysAndJson() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(RUNS)) {
      files = list.filter(f -> f.getFileName().toString().matches(".*-(slash|jr-warp)-d.*\\.json"))
          .sorted().toList();
    }
    assertTrue(files.size() >= 100, "expected the committed SLaSh and JR-WARP runs, found "
        + files.size());
    List<String> moved = new ArrayList<>();
    for (Path file : files) {
      RunConfig config = RunResult.read(file).config();
      String name = file.getFileName().toString();
      if (!(PlannedRun.of(config).key() + ".json").equals(name)) {
        moved.add(name + " -> " + PlannedRun.of(config).key());
      }
      JsonNode written = Json.read(Files.readString(file), JsonNode.class).get("config");
      assertEquals(written, Json.read(config.toJson(), JsonNode.class), name);
    }
    assertEquals(List.of(), moved, "runs whose key no longer matches their file");
  }

  @Test
  void slashJsonIsPinned() {
    SlashConfig config = new SlashConfig(48, ShiftPosition.ATTENTION_LAYERNORM,
        Distribution.UNIFORM, InitScheme.ZERO_Z, ProjectionStorage.ON_THE_FLY, 7L);
    assertPinned(config, "{\"method\":\"SLASH\",\"d\":48,\"position\":\"ATTENTION_LAYERNORM\","
        + "\"distribution\":\"UNIFORM\",\"init\":\"ZERO_Z\",\"storage\":\"ON_THE_FLY\","
        + "\"projectionSeed\":7}", "sst-2-slash-d48-mask-lr0.01-s3-4e73a83fbf");
    assertPinned(SlashConfig.of(1024), "{\"method\":\"SLASH\",\"d\":1024,\"position\":\"OUTPUT\","
        + "\"distribution\":\"NORMAL\",\"init\":\"RANDOM\",\"storage\":\"STORED\","
        + "\"projectionSeed\":null}", "sst-2-slash-d1024-mask-lr0.01-s3-02bec2a59b");
  }

  @Test
  void jrWarpJsonIsPinned() {
    JrWarpConfig config = new JrWarpConfig(24, Distribution.UNIFORM, InitScheme.IDENTITY_W,
        ProjectionStorage.STORED, 7L);
    assertPinned(config, "{\"method\":\"JR_WARP\",\"d\":24,\"distribution\":\"UNIFORM\","
        + "\"init\":\"IDENTITY_W\",\"storage\":\"STORED\",\"projectionSeed\":7}",
        "sst-2-jr-warp-d24-mask-lr0.01-s3-2addf97bf3");
    assertPinned(JrWarpConfig.of(1024), "{\"method\":\"JR_WARP\",\"d\":1024,"
        + "\"distribution\":\"NORMAL\",\"init\":\"RANDOM\",\"storage\":\"STORED\","
        + "\"projectionSeed\":null}", "sst-2-jr-warp-d1024-mask-lr0.01-s3-47c210adf8");
  }

  /** The method's JSON, its read-back, and the run key of one fixed run config around it. */
  private static void assertPinned(MethodConfig method, String json, String key) {
    assertEquals(json, Json.bytesAsString(method));
    assertEquals(method, Json.read(json, MethodConfig.class));
    RunConfig run = RunConfig.fromJson(RUN.replace("METHOD", json));
    assertEquals(method, run.method());
    assertEquals(key, PlannedRun.of(run).key());
  }

  /** A whole run config, written out so that new RunConfig defaults cannot move the pinned keys. */
  private static final String RUN = "{\"task\":\"SST2\",\"scale\":\"MINI\",\"engine\":\"DJL\","
      + "\"dataDir\":\"data\",\"method\":METHOD,\"representation\":\"MASK\","
      + "\"learningRate\":0.01,\"epochs\":1,\"batchSize\":8,\"warmupRatio\":0.06,"
      + "\"maxGradNorm\":1.0,\"maxLength\":128,\"seed\":3,\"maxTrainExamples\":800,"
      + "\"groupByLength\":true}";
}
