package slash.dl4j;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients that compute only what is asked for. M2.1 differentiates a matmul into one
 * matmul_bp op that always computes the gradients of both operands, so the backward pass of a
 * frozen dense layer still computes its weight's gradient (as much work as the input's) and
 * throws it away. Here a matmul differentiates into one matmul per operand; SameDiff runs only
 * the ops the requested gradients need, so a constant's gradient is never computed.
 *
 * <p>SameDiff builds its gradient graph on a copy of the model's graph, made by serializing each
 * op and instantiating the op class registered for its native hash: {@link #during} registers
 * {@link SplitMmul} for "matmul", {@link BiasAdd} for "add", {@link ScatterGather} for
 * "gather" and {@link RowLayerNorm} for "layer_norm" while the gradient graph is built, then
 * restores ND4J's classes. The forward ops are ND4J's own.
 */
final class SdSplitGradients {
  private SdSplitGradients() {}

  /** Op name to the class that replaces ND4J's while the gradient graph is built. */
  private static final Map<String, Class<?>> REPLACED = Map.of(
      "matmul", SplitMmul.class, "gather", ScatterGather.class, "add", BiasAdd.class,
      "layer_norm", RowLayerNorm.class);

  /** Runs {@code work} (SameDiff's createGradFunction) with the gradients of this class. */
  static synchronized <T> T during(Supplier<T> work) {
    DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
    Map<Long, Class<?>> single = field(holder, "customOpHashToClass");
    Map<Long, Map<String, Class<?>>> multi = field(holder, "customOpHashToClasses");
    Map<Long, Class<?>> before = new HashMap<>();
    Map<Long, Map<String, Class<?>>> beforeMulti = new HashMap<>();
    for (Map.Entry<String, Class<?>> e : REPLACED.entrySet()) {
      long hash = Nd4j.getExecutioner().getCustomOperations().get(e.getKey()).getHash();
      Class<?> original = e.getValue().getSuperclass();
      before.put(hash, single.get(hash));
      single.put(hash, e.getValue());
      if (multi.containsKey(hash)) {
        beforeMulti.put(hash, new HashMap<>(multi.get(hash)));
        multi.get(hash).replaceAll((name, c) -> c == original ? e.getValue() : c);
      }
    }
    try {
      return work.get();
    } finally {
      single.putAll(before);
      multi.putAll(beforeMulti);
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> V field(Object holder, String name) {
    try {
      Field f = DifferentialFunctionClassHolder.class.getDeclaredField(name);
      f.setAccessible(true);
      return (V) f.get(holder);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("ND4J's op registry changed: " + name, e);
    }
  }

  /**
   * A matmul whose gradient is a separate matmul per operand (the same arithmetic as
   * matmul_bp, which computes both in one op). For C = op(A) op(B), with op a transpose or not:
   * the four transpose cases below.
   */
  public static final class SplitMmul extends Mmul {
    public SplitMmul() {}

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
      if (mt == null || mt.isTransposeResult() || alpha != 1.0 || beta != 0.0) {
        return super.doDiff(gradients);
      }
      SDVariable a = larg();
      SDVariable b = rarg();
      SDVariable dc = gradients.get(0);
      boolean ta = mt.isTransposeA();
      boolean tb = mt.isTransposeB();
      SDVariable da;
      SDVariable db;
      if (!ta && !tb) {
        da = sameDiff.mmul(dc, b, false, true, false);
        db = sameDiff.mmul(a, dc, true, false, false);
      } else if (!ta) {
        da = sameDiff.mmul(dc, b, false, false, false);
        db = sameDiff.mmul(dc, a, true, false, false);
      } else if (!tb) {
        da = sameDiff.mmul(b, dc, false, true, false);
        db = sameDiff.mmul(a, dc, false, false, false);
      } else {
        da = sameDiff.mmul(b, dc, true, true, false);
        db = sameDiff.mmul(dc, a, true, true, false);
      }
      return List.of(da, db);
    }
  }

  /**
   * An add whose gradient, when its second operand is a bias (a rank-1 variable or constant
   * added along the last axis), passes the output gradient straight through to the first
   * operand (no copy: SameDiff runs identity as a pass-through) and sums it over the rows for
   * the bias, as a separate op that does not run for a frozen bias. add_bp copies the one and
   * reduces for the other in every case. Other adds keep add_bp.
   */
  public static final class BiasAdd extends AddOp {
    public BiasAdd() {}

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
      SDVariable bias = args().length == 2 ? arg(1) : null;
      boolean isBias = bias != null && (bias.getVariableType() == VariableType.VARIABLE
          || bias.getVariableType() == VariableType.CONSTANT) && bias.getShape() != null
          && bias.getShape().length == 1 && arg(0).getVariableType() == VariableType.ARRAY;
      if (!isBias) {
        return super.doDiff(gradients);
      }
      SDVariable dc = gradients.get(0);
      return Arrays.asList(sameDiff.identity(dc), rowSum(sameDiff, dc, bias.getShape()[0]));
    }
  }

  /**
   * A gather whose gradient for its source table is a scatter-add of the output gradient's rows
   * (M2.1's own uses put, which keeps one of the rows that pick the same index instead of their
   * sum, and fails on shapes). Lets full finetuning look its trained embedding tables up by
   * gather instead of a one-hot matmul ([B*T, vocab] x [vocab, H]: 24 GFLOP a pass for MiniLM
   * at 8 x 128, and as much again backward).
   */
  public static final class ScatterGather extends Gather {
    public ScatterGather() {}

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
      if (jaxis != 0 || args().length < 2) {
        return super.doDiff(gradients);
      }
      SDVariable table = arg(0);
      SDVariable ids = arg(1);
      long width = table.getShape()[1];
      SDVariable rows = sameDiff.reshape(gradients.get(0), -1, width);
      ScatterAdd add = new ScatterAdd(sameDiff, sameDiff.zerosLike(table),
          sameDiff.reshape(ids, -1), rows);
      add.addBArgument(true, false); // lock: one thread, so rows of one index add up in order
      return Arrays.asList(add.outputVariable(), sameDiff.zerosLike(ids));
    }
  }

  /**
   * A LayerNorm over the last axis whose input gradient is written out on the rows, recomputing
   * the row statistics from the input: dx = (dxhat - mean(dxhat) - xhat mean(dxhat xhat)) / sigma
   * with dxhat = dy g. The gain and bias gradients are separate ops (row sums), so a frozen
   * LayerNorm costs none of them. M2.1's layer_norm_bp computes all three in one op, through a
   * generic standardize_bp, at about four times the forward's cost.
   */
  public static final class RowLayerNorm extends LayerNorm {
    public RowLayerNorm() {}

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
      SDVariable x = arg(0);
      long[] dims = iArgs();
      long[] shape = x.getShape();
      // The rows' shapes are dynamic ([B*T, H] with B and T unknown): the axis is the op's one
      // dimension, and it must be the last wherever the rank is known.
      if (dims.length != 1 || dims[0] < 0 || args().length < 2
          || (shape != null && dims[0] != shape.length - 1)) {
        return super.doDiff(gradients);
      }
      int last = (int) dims[0];
      SDVariable gain = arg(1);
      SDVariable dy = gradients.get(0);
      SDVariable centered = x.sub(x.mean(true, last));
      SDVariable inverseSigma =
          sameDiff.math.rsqrt(sameDiff.math.square(centered).mean(true, last));
      SDVariable normed = centered.mul(inverseSigma);
      SDVariable dNormed = dy.mul(gain);
      SDVariable dx = dNormed.sub(dNormed.mean(true, last))
          .sub(normed.mul(dNormed.mul(normed).mean(true, last))).mul(inverseSigma);
      long width = gain.getShape()[0];
      List<SDVariable> out = new ArrayList<>(List.of(dx, rowSum(sameDiff, dy.mul(normed), width)));
      if (args().length == 3) {
        out.add(rowSum(sameDiff, dy, width));
      }
      return out;
    }
  }

  /**
   * The sum over all rows of {@code values} [.., width], as ones^T x rows: M2.1's legacy sum over
   * an axis of size 1 (a one-example batch's head bias) takes a no-op branch that reads an input
   * it was never given (NPE).
   */
  private static SDVariable rowSum(SameDiff sd, SDVariable values, long width) {
    SDVariable rows = sd.reshape(values, -1, width);
    SDVariable ones = sd.onesLike(rows.get(SDIndex.all(), SDIndex.interval(0, 1)));
    return sd.reshape(sd.mmul(ones, rows, true, false, false), width);
  }
}
