package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slash.core.io.FloatTensor;
import slash.core.train.AdamState;
import slash.core.train.OptimizerState;
import slash.core.train.TrainingSession;

/**
 * DjlAdamW as torch.optim.DjlAdamW (betas 0.9/0.999, eps 1e-8, decoupled weight decay; the paper uses
 * decay 0), with global-norm gradient clipping as torch.nn.utils.clip_grad_norm_.
 */
public final class DjlAdamW implements OptimizerState, AutoCloseable {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final List<DjlTrainable> parameters;
  private final double weightDecay;
  private final NDManager manager;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private int step;

  public DjlAdamW(List<DjlTrainable> parameters, double weightDecay, NDManager parent) {
    this.parameters = parameters;
    this.weightDecay = weightDecay;
    this.manager = parent.newSubManager();
    for (DjlTrainable p : parameters) {
      firstMoments.add(manager.zeros(p.value().getShape()));
      secondMoments.add(manager.zeros(p.value().getShape()));
    }
  }

  /**
   * One update at learning rate {@code rate} after backward; returns the gradient norm before
   * clipping. {@code maxNorm} 0 disables clipping.
   */
  public double step(double rate, double maxNorm, NDManager scope) {
    List<NDArray> gradients = new ArrayList<>(parameters.size());
    double squared = 0;
    for (DjlTrainable p : parameters) {
      NDArray g = p.gradient(scope);
      gradients.add(g);
      squared += g.square().sum().getFloat();
    }
    double norm = Math.sqrt(squared);
    TrainingSession.requireFiniteNorm(norm, step);
    update(gradients, rate, TrainingSession.clipFactor(norm, maxNorm), scope);
    return norm;
  }

  /**
   * One update with gradients computed outside (DP-SGD's noised sum), flat in the parameters'
   * order, applied as they are.
   */
  public void apply(float[] flat, double rate, NDManager scope) {
    List<NDArray> gradients = new ArrayList<>(parameters.size());
    int at = 0;
    for (DjlTrainable p : parameters) {
      int n = (int) p.value().size();
      gradients.add(scope.create(java.util.Arrays.copyOfRange(flat, at, at + n),
          p.value().getShape()));
      at += n;
    }
    if (at != flat.length) {
      throw new IllegalArgumentException("gradient has " + flat.length + " values, the "
          + "parameters " + at);
    }
    update(gradients, rate, 1f, scope);
  }

  private void update(List<NDArray> gradients, double rate, float clip, NDManager scope) {
    step++;
    float correction1 = 1 - (float) Math.pow(BETA1, step);
    float correction2 = 1 - (float) Math.pow(BETA2, step);
    for (int i = 0; i < parameters.size(); i++) {
      NDArray g = gradients.get(i).mul(clip);
      NDArray m = firstMoments.get(i);
      NDArray v = secondMoments.get(i);
      m.muli(BETA1).addi(g.mul(1 - BETA1));
      v.muli(BETA2).addi(g.square().muli(1 - BETA2));
      NDArray value = parameters.get(i).value();
      if (weightDecay > 0) {
        value.subi(DjlScopes.in(scope, value.mul((float) (rate * weightDecay))));
      }
      NDArray denominator = DjlScopes.in(scope, v.div(correction2)).sqrt().add(EPS);
      NDArray update = DjlScopes.in(scope, m.div(correction1)).div(denominator).mul((float) rate);
      value.subi(update);
    }
  }

  /**
   * Zeroes the autograd gradients so the next backward does not accumulate into them. libtorch's
   * own zeroing, not {@code g - g}: a NaN gradient must come out as zero too.
   */
  public void zeroGradients() {
    for (DjlTrainable p : parameters) {
      NDArray value = p.value();
      if (value.hasGradient()) {
        JniUtils.zeroGrad((PtNDArray) value);
      }
    }
  }

  @Override
  public int stepCount() {
    return step;
  }

  /** Moments and step count, for resumable checkpoints. */
  @Override
  public Map<String, FloatTensor> state() {
    Map<String, FloatTensor> first = new LinkedHashMap<>();
    Map<String, FloatTensor> second = new LinkedHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      first.put(parameters.get(i).name(), tensor(firstMoments.get(i)));
      second.put(parameters.get(i).name(), tensor(secondMoments.get(i)));
    }
    return new AdamState(first, second, step).tensors();
  }

  @Override
  public void load(Map<String, FloatTensor> state) {
    AdamState saved = AdamState.read(state, parameters.stream().map(DjlTrainable::name).toList());
    for (int i = 0; i < parameters.size(); i++) {
      String name = parameters.get(i).name();
      firstMoments.get(i).set(saved.first().get(name).data());
      secondMoments.get(i).set(saved.second().get(name).data());
    }
    step = saved.step();
  }

  private static FloatTensor tensor(NDArray array) {
    return FloatTensor.of(array.toFloatArray(), array.getShape().getShape());
  }

  @Override
  public void close() {
    manager.close();
  }
}
