package slash.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import slash.core.io.FloatTensor;

/**
 * What torch.optim.AdamW keeps between steps, engine-neutral: its constants, the step count and
 * its bias corrections, and the two moments of every parameter, saved and restored under
 * {@link AdamState}'s names. The engine owns the moment arrays ({@code A}) and does the update
 * arithmetic on them, so each engine's numbers stay its own.
 */
public final class AdamMoments<A> implements OptimizerState {
  public static final float BETA1 = 0.9f;
  public static final float BETA2 = 0.999f;
  public static final float EPS = 1e-8f;

  /** How the engine copies one moment array out to a checkpoint and back in. */
  public interface Arrays<A> {
    FloatTensor read(A array);

    void write(A array, FloatTensor values);
  }

  /** The bias corrections {@code 1 - beta^t} of step {@code t}. */
  public record Corrections(float first, float second) {}

  private final List<String> names;
  private final List<A> first = new ArrayList<>();
  private final List<A> second = new ArrayList<>();
  private final Arrays<A> arrays;
  private int step;

  /** Zero moments of the parameters {@code names}; {@code zeros(i)}: zeros shaped as the i-th. */
  public AdamMoments(List<String> names, IntFunction<A> zeros, Arrays<A> arrays) {
    this.names = List.copyOf(names);
    this.arrays = arrays;
    for (int i = 0; i < names.size(); i++) {
      first.add(zeros.apply(i));
      second.add(zeros.apply(i));
    }
  }

  /** The i-th parameter's first moment (updated in place by the engine). */
  public A first(int i) {
    return first.get(i);
  }

  /** The i-th parameter's second moment (updated in place by the engine). */
  public A second(int i) {
    return second.get(i);
  }

  /** Counts one more step and gives its bias corrections. */
  public Corrections nextStep() {
    step++;
    return new Corrections(1 - (float) Math.pow(BETA1, step), 1 - (float) Math.pow(BETA2, step));
  }

  @Override
  public int stepCount() {
    return step;
  }

  @Override
  public Map<String, FloatTensor> state() {
    Map<String, FloatTensor> m = new LinkedHashMap<>();
    Map<String, FloatTensor> v = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), arrays.read(first.get(i)));
      v.put(names.get(i), arrays.read(second.get(i)));
    }
    return new AdamState(m, v, step).tensors();
  }

  @Override
  public void load(Map<String, FloatTensor> state) {
    AdamState saved = AdamState.read(state, names);
    for (int i = 0; i < names.size(); i++) {
      arrays.write(first.get(i), saved.first().get(names.get(i)));
      arrays.write(second.get(i), saved.second().get(names.get(i)));
    }
    step = saved.step();
  }
}
