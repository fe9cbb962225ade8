package slash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.config.ConfigException;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.io.FloatTensor;
import slash.core.io.SafeTensors;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderLayout;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.projection.InitScheme;
import slash.core.smoke.SmokeData;
import slash.core.train.Checkpoint;
import slash.core.train.LinearSchedule;

class ConfigAndFilesTest {
  @TempDir Path dir;

  /**
   * The probe method's JSON name is registered before any test reads JSON: Jackson keeps the
   * subtypes it saw first, so a test that parsed JSON before the probe class loaded would leave
   * PROBE unknown to the tests after it.
   */
  @org.junit.jupiter.api.BeforeAll
  static void registerTheProbeMethod() {
    ProbeMethod.of(1);
  }

  private RunConfig smokeConfig() {
    SmokeData.write(dir, 1, 10, 5);
    return RunConfig.defaults(Task.SST2, Scale.SMOKE, ProbeMethod.of(16))
        .withDataDir(dir);
  }

  @Test
  void runConfigRoundTripsThroughJson() {
    RunConfig config = smokeConfig().validate();
    String json = config.toJson();
    assertTrue(json.contains("\"task\" : \"SST2\""), json);
    assertEquals(config, RunConfig.fromJson(json));
  }

  @Test
  void jsonRefusesUnknownFields() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunConfig.fromJson("{\"task\":\"RTE\",\"lr\":0.1}"));
    assertTrue(e.getMessage().contains("unknown field 'lr'"), e.getMessage());
  }

  @Test
  void impossibleConfigsNameTheirField() {
    RunConfig base = smokeConfig();
    assertEquals("method.d", assertThrows(ConfigException.class,
        () -> ProbeMethod.of(0)).field());
    assertEquals("learningRate", assertThrows(ConfigException.class,
        () -> base.withTraining(-1, 1, 8).validate()).field());
    assertEquals("dataDir", assertThrows(ConfigException.class,
        () -> base.withDataDir(dir.resolve("nowhere")).validate()).field());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Task.parse("glue"))
        .getMessage().contains("unknown task 'glue'"));
    assertEquals(Task.STSB, Task.parse("sts-b"));
    assertEquals(Task.SST2, Task.parse("sst2"));
  }

  @Test
  void safetensorsRoundTripAndHalfPrecisionUpcast() throws IOException {
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    tensors.put("z", FloatTensor.of(new float[] {1.5f, -2f, 0.25f}, 3));
    tensors.put("head.weight", FloatTensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
    Path file = dir.resolve("t.safetensors");
    SafeTensors.write(file, tensors, Map.of("note", "hi"));
    SafeTensors.Contents back = SafeTensors.read(file);
    assertArrayEquals(tensors.get("head.weight").data(), back.tensors().get("head.weight").data());
    assertArrayEquals(new long[] {2, 3}, back.tensors().get("head.weight").shape());
    assertEquals("hi", back.metadata().get("note"));

    // F16 1.0 = 0x3C00, -2.0 = 0xC000; BF16 of 3.140625 = 0x4049; an I64 buffer is skipped
    String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[4,6]},"
        + "\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[6,14]}}";
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(8 + h.length + 14).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(h.length).put(h).putShort((short) 0x3C00).putShort((short) 0xC000)
        .putShort((short) 0x4049).putLong(7);
    Path half = Files.write(dir.resolve("half.safetensors"), buffer.array());
    SafeTensors.Contents decoded = SafeTensors.read(half);
    assertArrayEquals(new float[] {1f, -2f}, decoded.tensors().get("h").data());
    assertArrayEquals(new float[] {3.140625f}, decoded.tensors().get("b").data());
    assertEquals(2, decoded.tensors().size());
  }

  @Test
  void weightLoadingListsMissingAndMisshapenTensors() {
    EncoderConfig config = EncoderConfig.smoke(50);
    Map<String, FloatTensor> weights = new LinkedHashMap<>(
        EncoderWeights.random(config, 1, 0.02, dir.resolve("t.json")).tensors());
    Map<String, FloatTensor> prefixed = new LinkedHashMap<>();
    weights.forEach((name, t) -> prefixed.put("roberta." + name, t));
    prefixed.remove("roberta.encoder.layer.1.output.dense.bias");
    prefixed.put("roberta.embeddings.LayerNorm.bias", FloatTensor.of(new float[3], 3));
    prefixed.put("pooler.dense.bias", FloatTensor.of(new float[32], 32)); // ignored
    Path hf = dir.resolve("hf");
    SafeTensors.write(hf.resolve("model.safetensors"), prefixed, Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EncoderWeights.fromHuggingFace(hf));
    assertTrue(e.getMessage().contains("config.json"), e.getMessage());
  }

  @Test
  void layoutCountsMatchKnownModelSizes() {
    // Hugging Face's RobertaModel (roberta-base) has 124,645,632 parameters with its pooler
    // (768 * 768 + 768 = 590,592); our encoder has no pooler.
    EncoderConfig base = new EncoderConfig("roberta", 50265, 768, 12, 12, 3072, 514, 1, 1e-5, 1,
        0.1, 0.1);
    assertEquals(124_645_632L - 590_592L, EncoderLayout.parameterCount(base));
  }

  @Test
  void checkpointCarriesConfigAndChecksShapes() {
    RunConfig config = smokeConfig();
    Path file = dir.resolve("ckpt.safetensors");
    new Checkpoint(config, Map.of("slash.z", FloatTensor.of(new float[16], 16)), 3).write(file);
    Checkpoint back = Checkpoint.read(file);
    assertEquals(config, back.config());
    assertEquals(3, back.epoch());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> back.get("slash.z", 32));
    assertTrue(e.getMessage().contains("[16]") && e.getMessage().contains("[32]"));
  }

  @Test
  void linearScheduleWarmsUpThenDecays() {
    LinearSchedule schedule = LinearSchedule.of(1.0, 100, 0.06);
    assertEquals(6, schedule.warmupSteps());
    assertEquals(0.0, schedule.rate(0), 0.0);
    assertEquals(0.5, schedule.rate(3), 1e-12);
    assertEquals(1.0, schedule.rate(6), 1e-12);
    assertEquals(47.0 / 94.0, schedule.rate(53), 1e-12);
  }
}
