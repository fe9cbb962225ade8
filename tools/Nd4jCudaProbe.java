import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One try of ND4J's backend (run by tools/nd4j-cuda-probe.sh): what the project's start-up check
 * says, the backend and devices ND4J reports, then one op of each kind the engine needs (matmul,
 * a transform, a reduction, a SameDiff forward and backward), each line prefixed with its step
 * so that the log shows how far it got.
 */
public class Nd4jCudaProbe {
  public static void main(String[] args) {
    step("start-up check", () -> {
      try {
        Class.forName("slash.dl4j.SdRuntime").getMethod("configure").invoke(null);
        return "passed (the project would run ND4J here)";
      } catch (java.lang.reflect.InvocationTargetException e) {
        return "stops the run: " + e.getCause().getMessage();
      }
    });
    step("backend", () -> Nd4j.getBackend().getClass().getName());
    step("environment", () -> {
      Properties p = Nd4j.getExecutioner().getEnvironmentInformation();
      return p.toString();
    });
    step("matmul 512x512", () -> {
      INDArray a = Nd4j.rand(DataType.FLOAT, 512, 512);
      INDArray c = a.mmul(a);
      return "sum " + c.sumNumber();
    });
    step("transform (exp) and reduction (mean)", () -> {
      INDArray a = Nd4j.rand(DataType.FLOAT, 1024, 1024);
      return "mean " + org.nd4j.linalg.ops.transforms.Transforms.exp(a, true).meanNumber();
    });
    step("SameDiff forward + gradient", () -> {
      SameDiff sd = SameDiff.create();
      SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 64);
      SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 64, 8));
      SDVariable loss = sd.nn.softmax(x.mmul(w), 1).sum();
      sd.setLossVariables(loss.name());
      Map<String, INDArray> g = sd.calculateGradients(
          Map.of("x", Nd4j.rand(DataType.FLOAT, 16, 64)), List.of("w"));
      return "grad w sum " + g.get("w").sumNumber();
    });
    System.out.println("probe: done");
  }

  interface Step {
    Object run() throws Exception;
  }

  private static void step(String name, Step step) {
    long start = System.nanoTime();
    try {
      Object out = step.run();
      System.out.printf("probe: %s: ok (%.0f ms): %s%n", name, (System.nanoTime() - start) / 1e6,
          out);
    } catch (Throwable t) {
      System.out.printf("probe: %s: FAILED (%.0f ms): %s%n", name,
          (System.nanoTime() - start) / 1e6, t);
      for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
        System.out.println("probe:   caused by " + c);
      }
      System.out.println("probe: stopped at '" + name + "'");
      System.exit(1);
    }
  }
}
