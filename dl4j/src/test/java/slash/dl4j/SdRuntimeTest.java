package slash.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SdRuntimeTest {
  @Test
  void namesTheHelperLibraryOfTheNativeBuild() {
    assertEquals(" with oneDNN", SdRuntime.helpers("GCC: \"7.5.0\"\nHAVE_FLATBUFFERS\nHAVE_ONEDNN\n"
        + "HAVE_OPENBLAS\n"));
    assertEquals(" with cuDNN", SdRuntime.helpers("HAVE_FLATBUFFERS\nHAVE_CUDNN\n"));
    assertEquals("", SdRuntime.helpers("HAVE_FLATBUFFERS\nHAVE_OPENBLAS\n"));
    assertEquals("", SdRuntime.helpers(null));
  }

  /**
   * The default CPU build is the oneDNN one (the pom's nd4j.classifier); Surefire passes a
   * -Dnd4j.classifier given to Maven on to the tests, which then check nothing here.
   */
  @Test
  void theDefaultBuildIsTheOneDnnOne() {
    String classifier = System.getProperty("nd4j.classifier", "onednn");
    Assumptions.assumeTrue(classifier.contains("onednn"), "build chosen: " + classifier);
    String described = SdRuntime.describe();
    assertTrue(described.startsWith("CpuBackend with oneDNN on "), described);
  }
}
