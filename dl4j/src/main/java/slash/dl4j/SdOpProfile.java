package slash.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Wall time per op kind of a SameDiff graph, for finding where a step goes: attach with
 * {@code -Dslash.dl4j.opProfile=true}; the totals print to stderr when the session closes.
 * Time runs from SameDiff's pre-op to its post-op callback, so it includes output allocation;
 * the line "(executor between ops)" is the time from one op's post-op callback to the next one's
 * pre-op, SameDiff's own work per op (dependency tracking, array bookkeeping). Gaps of 20 ms or
 * more lie between graph runs and are left out.
 */
final class SdOpProfile extends BaseListener {
  static final boolean ENABLED = Boolean.getBoolean("slash.dl4j.opProfile");
  private static final boolean DETAIL = Boolean.getBoolean("slash.dl4j.opProfile.detail");

  private static final long BETWEEN_RUNS_NANOS = 20_000_000L;

  private final Map<String, long[]> totals = new HashMap<>();
  private long started;
  private long lastEnded;

  @Override
  public boolean isActive(Operation operation) {
    return true;
  }

  @Override
  public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext context) {
    started = System.nanoTime();
    if (lastEnded != 0 && started - lastEnded < BETWEEN_RUNS_NANOS) {
      add("(executor between ops)", started - lastEnded);
    }
  }

  @Override
  public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op,
      OpContext context, INDArray[] outputs) {
    long elapsed = System.nanoTime() - started;
    String kind = op.getOp().opName();
    if (kind.startsWith("matmul") && outputs.length > 0 && outputs[0] != null) {
      kind += " " + java.util.Arrays.toString(outputs[0].shape());
      if (DETAIL && context != null) {
        kind += " t" + context.getIArguments();
        for (INDArray in : context.getInputArrays()) {
          kind += " " + in.ordering() + (in.isView() ? "v" : "") + java.util.Arrays.toString(in.stride());
        }
      }
    }
    add(kind, elapsed);
    lastEnded = System.nanoTime();
  }

  private void add(String kind, long nanos) {
    long[] t = totals.computeIfAbsent(kind, k -> new long[2]);
    t[0] += nanos;
    t[1]++;
  }

  void print(String title) {
    List<Map.Entry<String, long[]>> rows = new ArrayList<>(totals.entrySet());
    rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
    long all = rows.stream().mapToLong(e -> e.getValue()[0]).sum();
    System.err.printf(Locale.ROOT, "op profile %s: %.1f ms in all%n", title, all / 1e6);
    for (Map.Entry<String, long[]> e : rows) {
      System.err.printf(Locale.ROOT, "  %9.1f ms %6d x  %s%n", e.getValue()[0] / 1e6,
          e.getValue()[1], e.getKey());
    }
    totals.clear();
    lastEnded = 0;
  }
}
