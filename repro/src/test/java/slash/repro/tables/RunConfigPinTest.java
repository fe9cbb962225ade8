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
import slash.baselines.lora.LoraConfig;
import slash.core.config.EngineName;
import slash.core.config.PrivacyConfig;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.io.Json;
import slash.core.text.Representation;
import slash.core.train.RunResult;
import slash.methods.slash.SlashConfig;

/**
 * Run configs keep their JSON byte for byte: a run's key is a hash of {@link RunConfig#toJson},
 * so a renamed, reordered or newly written field would orphan every committed result. Committed
 * runs cover what the tables ran; the pinned configs cover what none of them uses (privacy, a
 * model folder, DL4J, evaluation caps, an explicit {@code groupByLength: false}).
 */
class RunConfigPinTest {
  /** The checkout: this module's parent (surefire runs in the module folder). */
  private static final Path RESULTS = Path.of("..", "results");

  /**
   * Every committed result reads back, writes its config unchanged (fields, order, omitted nulls)
   * and keeps its run key. (The whole file is not compared: results written before a later
   * {@link RunResult} field existed gain it as null.)
   */
  @Test
  void committedRunsRewriteByteForByte() throws IOException {
    List<Path> files = committedRuns();
    assertTrue(files.size() >= 150, "expected the committed runs, found " + files.size());
    List<String> moved = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      String text = Files.readString(file);
      RunResult result = RunResult.read(file);
      String config = Json.write(Json.read(text, JsonNode.class).get("config"));
      assertEquals(config, result.config().toJson(), name);
      assertEquals(result, Json.read(Json.write(result), RunResult.class), name);
      if (!(PlannedRun.of(result.config()).key() + ".json").equals(name)) {
        moved.add(name + " -> " + PlannedRun.of(result.config()).key());
      }
    }
    assertEquals(List.of(), moved, "runs whose key no longer matches their file");
  }

  @Test
  void privateRunIsPinned() {
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.MINI, SlashConfig.of(48))
        .withDataDir(Path.of("data")).withTraining(5e-3, 3, 2048).withMaxGradNorm(0.1)
        .withPrivacy(PrivacyConfig.paper()).withGroupByLength(true);
    assertPinned(config, "{\"task\":\"SST2\",\"scale\":\"MINI\",\"engine\":\"DJL\","
        + "\"dataDir\":\"data\",\"method\":{\"method\":\"SLASH\",\"d\":48,"
        + "\"position\":\"OUTPUT\",\"distribution\":\"NORMAL\",\"init\":\"RANDOM\","
        + "\"storage\":\"STORED\",\"projectionSeed\":null},\"representation\":\"MASK\","
        + "\"learningRate\":0.005,\"epochs\":3,\"batchSize\":2048,\"warmupRatio\":0.06,"
        + "\"maxGradNorm\":0.1,\"maxLength\":128,\"seed\":0,\"privacy\":{\"epsilon\":6.7,"
        + "\"delta\":1.0E-6,\"physicalBatch\":32,\"epsError\":0.1,\"secureNoise\":false},"
        + "\"groupByLength\":true}", "sst-2-slash-d48-mask-lr0.005-s0-626e7f138f");
  }

  @Test
  void fixedNoisePrivateRunIsPinned() {
    RunConfig config = RunConfig.defaults(Task.RTE, Scale.SMOKE, LoraConfig.of(8))
        .withDataDir(Path.of("data")).withSeed(4)
        .withPrivacy(new PrivacyConfig(null, 1.1, 1e-5, 16, 0.1, true));
    assertPinned(config, "{\"task\":\"RTE\",\"scale\":\"SMOKE\",\"engine\":\"DJL\","
        + "\"dataDir\":\"data\",\"method\":{\"method\":\"LORA\",\"rank\":8,\"alpha\":8.0,"
        + "\"targets\":[\"query\",\"value\"]},"
        + "\"representation\":\"MASK\",\"learningRate\":0.001,\"epochs\":10,\"batchSize\":8,"
        + "\"warmupRatio\":0.06,\"maxGradNorm\":1.0,\"maxLength\":128,\"seed\":4,"
        + "\"privacy\":{\"noiseMultiplier\":1.1,\"delta\":1.0E-5,\"physicalBatch\":16,"
        + "\"epsError\":0.1,\"secureNoise\":true}}", "rte-lora-r8-mask-lr0.001-s4-d6f38ce231");
  }

  @Test
  void everyOtherFieldIsPinned() {
    RunConfig config = RunConfig.defaults(Task.CONLL2003, Scale.FULL, SlashConfig.of(16))
        .withDataDir(Path.of("data")).withEngine(EngineName.DL4J).withModel("models/base")
        .withRepresentation(Representation.CLS).withLimits(100, 50).withMaxLength(64)
        .withSeed(9);
    assertPinned(config, "{\"task\":\"CONLL2003\",\"scale\":\"FULL\",\"engine\":\"DL4J\","
        + "\"model\":\"models/base\",\"dataDir\":\"data\",\"method\":{\"method\":\"SLASH\","
        + "\"d\":16,\"position\":\"OUTPUT\",\"distribution\":\"NORMAL\",\"init\":\"RANDOM\","
        + "\"storage\":\"STORED\",\"projectionSeed\":null},\"representation\":\"CLS\","
        + "\"learningRate\":0.001,\"epochs\":5,\"batchSize\":32,\"warmupRatio\":0.1,"
        + "\"maxGradNorm\":1.0,\"maxLength\":64,\"seed\":9,\"maxTrainExamples\":100,"
        + "\"maxEvalExamples\":50}", "conll-2003-slash-d16-cls-lr0.001-s9-1d1239ce3e");
  }

  /** A file that says {@code groupByLength: false} keeps saying it (and keeps its key). */
  @Test
  void explicitFalseGroupingIsKept() {
    String json = "{\"task\":\"MRPC\",\"scale\":\"MINI\",\"engine\":\"DJL\",\"dataDir\":\".\","
        + "\"method\":{\"method\":\"BITFIT\"},\"representation\":\"MASK\",\"learningRate\":0.001,"
        + "\"epochs\":1,\"batchSize\":8,\"warmupRatio\":0.06,\"maxGradNorm\":1.0,"
        + "\"maxLength\":128,\"seed\":0,\"groupByLength\":false}";
    RunConfig config = RunConfig.fromJson(json);
    assertEquals(Boolean.FALSE, config.groupByLength());
    assertPinned(config, json, "mrpc-bitfit-mask-lr0.001-s0-86cd91c7f4");
  }

  /** The compact JSON, its read-back, and the run key (a hash of the indented JSON). */
  private static void assertPinned(RunConfig config, String json, String key) {
    assertEquals(json, Json.bytesAsString(config));
    assertEquals(config, RunConfig.fromJson(json));
    assertEquals(config.toJson(), RunConfig.fromJson(config.toJson()).toJson());
    assertEquals(key, PlannedRun.of(config).key());
  }

  private static List<Path> committedRuns() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String scale : new String[] {"mini", "smoke"}) {
      Path runs = RESULTS.resolve(scale).resolve("runs");
      if (Files.isDirectory(runs)) {
        try (Stream<Path> list = Files.list(runs)) {
          list.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
              .forEach(files::add);
        }
      }
    }
    return files;
  }
}
