package slash.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hand-written LayerNorm gradient against SameDiff's autodiff of the same function written
 * out in elementary ops (mean, subtract, rsqrt), on rows shaped as the encoder's ([B*T, H]
 * reshaped from a [B, T, H] input) and over the last axis of [B, T, H]. The graph also must not
 * contain the native layer_norm_bp it replaces.
 */
class SdSplitGradientsTest {
  private static final long B = 2;
  private static final long T = 5;
  private static final long H = 6;

  @Test
  void layerNormGradientsMatchTheWrittenOutFormWithFrozenAndTrainedGainAndBias() {
    for (boolean trained : new boolean[] {false, true}) {
      assertSplitMatchesWrittenOut(
          (sd, in) -> sd.nn.layerNorm(in[0].reshape(-1, H), in[1], in[2], false, 1),
          (sd, in) -> writtenLayerNorm(sd, in[0].reshape(-1, H), in[1], in[2], 1), trained);
    }
  }

  @Test
  void layerNormOverTheLastAxisOfRankThreeInputs() {
    assertSplitMatchesWrittenOut(
        (sd, in) -> sd.nn.layerNorm(in[0], in[1], in[2], false, 2).reshape(-1, H),
        (sd, in) -> writtenLayerNorm(sd, in[0], in[1], in[2], 2).reshape(-1, H), true);
  }

  /**
   * The gradients of {@code fused} with {@link SdSplitGradients} against SameDiff's own gradients
   * of {@code written}, on the same inputs; the split graph must hold no layer_norm_bp.
   */
  private static void assertSplitMatchesWrittenOut(
      BiFunction<SameDiff, SDVariable[], SDVariable> fused,
      BiFunction<SameDiff, SDVariable[], SDVariable> written, boolean trained) {
    String[] wrt = trained ? new String[] {"x", "gain", "bias"} : new String[] {"x"};
    SameDiff mine = layerNormGraph(fused, trained);
    SdSplitGradients.during(() -> {
      mine.createGradFunction();
      return null;
    });
    assertNoOp(mine, "layer_norm_bp");
    assertClose(layerNormGraph(written, trained).calculateGradients(Map.of(), wrt),
        mine.calculateGradients(Map.of(), wrt), 1e-6);
  }

  /** LayerNorm over {@code axis} in elementary ops, differentiated by SameDiff itself. */
  private static SDVariable writtenLayerNorm(SameDiff sd, SDVariable x, SDVariable gain,
      SDVariable bias, int axis) {
    SDVariable centered = x.sub(x.mean(true, axis));
    SDVariable normed = centered.mul(sd.math.rsqrt(sd.math.square(centered).mean(true, axis)));
    return normed.mul(gain).add(bias);
  }

  /** sum(R * f(x, gain, bias)) for a fixed random R, so every output element has its own weight. */
  private static SameDiff layerNormGraph(BiFunction<SameDiff, SDVariable[], SDVariable> norm,
      boolean trained) {
    Nd4j.getRandom().setSeed(11);
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.var("x", Nd4j.randn(DataType.FLOAT, B, T, H).muli(3).addi(1));
    INDArray gain = Nd4j.rand(DataType.FLOAT, H).addi(0.5);
    INDArray bias = Nd4j.randn(DataType.FLOAT, H);
    SDVariable g = trained ? sd.var("gain", gain) : sd.constant("gain", gain);
    SDVariable b = trained ? sd.var("bias", bias) : sd.constant("bias", bias);
    SDVariable y = norm.apply(sd, new SDVariable[] {x, g, b});
    y.mul(sd.constant(Nd4j.randn(DataType.FLOAT, B * T, H))).sum().markAsLoss();
    return sd;
  }

  private static void assertNoOp(SameDiff sd, String opName) {
    List<String> names = sd.getFunction("grad").getOps().values().stream()
        .map(op -> op.getOp().opName()).toList();
    assertTrue(!names.contains(opName), opName + " still in the gradient graph: " + names);
  }

  private static void assertClose(Map<String, INDArray> expected, Map<String, INDArray> actual,
      double tolerance) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String name : expected.keySet()) {
      INDArray e = expected.get(name);
      double scale = Math.max(1.0, e.amaxNumber().doubleValue());
      double diff = e.sub(actual.get(name)).amaxNumber().doubleValue();
      assertTrue(diff <= tolerance * scale, name + ": max difference " + diff);
      assertTrue(e.amaxNumber().doubleValue() > 1e-3, name + ": gradient is all but zero");
    }
  }
}
