package slash.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdCudaSupportTest {
  @Test
  void everyArchitectureFromKeplerK80ToAdaRuns() {
    int[][] covered = {{3, 7}, {5, 0}, {5, 2}, {6, 0}, {6, 1}, {7, 0}, {7, 5}, {8, 0}, {8, 6},
        {8, 7}, {8, 9}};
    for (int[] c : covered) {
      assertNull(SdCudaSupport.unsupported("gpu", c[0], c[1]), c[0] + "." + c[1]);
    }
  }

  @Test
  void hopperAndOlderKeplerStopWithOneSentenceNamingDeviceSupportAndDjl() {
    String why = SdCudaSupport.unsupported("NVIDIA H200", 9, 0);
    assertTrue(why.contains("NVIDIA H200") && why.contains("compute capability 9.0")
        && why.contains("sm_37..sm_86") && why.contains("--engine djl"), why);
    assertEquals(1, why.split("\\. ").length, "one sentence: " + why);
    assertTrue(SdCudaSupport.unsupported("Tesla K40", 3, 5).contains("3.5"));
    assertTrue(SdCudaSupport.unsupported("B200", 10, 0).contains("10.0"));
    assertTrue(SdCudaSupport.unsupported("RTX 5090", 12, 0).contains("12.0"));
  }

  @Test
  void readsNvidiaSmiCsvAndSkipsLinesWithoutACapability() {
    List<SdCudaSupport.Gpu> gpus = SdCudaSupport.parseNvidiaSmi(List.of(
        "NVIDIA H200, 9.0", "NVIDIA A100-SXM4-80GB, 8.0", "Tesla K80, [N/A]", "garbage"));
    assertEquals(List.of(new SdCudaSupport.Gpu("NVIDIA H200", 9, 0),
        new SdCudaSupport.Gpu("NVIDIA A100-SXM4-80GB", 8, 0)), gpus);
  }

  @Test
  void aCpuBuildChecksNothing() {
    SdCudaSupport.check(); // the test class path has no CUDA backend: must return quietly
  }
}
