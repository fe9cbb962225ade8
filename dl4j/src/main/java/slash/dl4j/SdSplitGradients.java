package slash.dl4j;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
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
 * {@link SplitMmul} for "matmul", {@link BiasAdd} for "add" and {@link ScatterGather} for
 * "gather" while the gradient graph is built, then restores ND4J's classes. The forward ops are ND4J's own.
 */
final class SdSplitGradients {
  private SdSplitGradients() {}

  /** Op name to the class that replaces ND4J's while the gradient graph is built. */
  private static final Map<String, Class<?>> REPLACED = Map.of(
      "matmul", SplitMmul.class, "gather", ScatterGather.class, "add", BiasAdd.class);

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
      long width = bias.getShape()[0];
      // The row sum as ones^T x rows: M2.1's legacy sum over an axis of size 1 (a one-example
      // batch's head bias) takes a no-op branch that reads an input it was never given (NPE).
      SDVariable rows = sameDiff.reshape(dc, -1, width);
      SDVariable ones = sameDiff.onesLike(rows.get(SDIndex.all(), SDIndex.interval(0, 1)));
      return Arrays.asList(sameDiff.identity(dc),
          sameDiff.reshape(sameDiff.mmul(ones, rows, true, false, false), width));
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
}
