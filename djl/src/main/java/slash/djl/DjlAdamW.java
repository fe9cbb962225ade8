package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import slash.core.io.FloatTensor;
import slash.core.train.AdamMoments;
import slash.core.train.FlatGradient;
import slash.core.train.TrainingSession;

/**
 * AdamW as torch.optim.AdamW (betas 0.9/0.999, eps 1e-8, decoupled weight decay; the paper uses
 * decay 0), with global-norm gradient clipping as torch.nn.utils.clip_grad_norm_. The moments and
 * step count are {@link AdamMoments}; this class does the NDArray arithmetic.
 */
public final class DjlAdamW implements AutoCloseable {
  private final List<DjlTrainable> parameters;
  private final double weightDecay;
  private final NDManager manager;
  private final AdamMoments<NDArray> moments;

  public DjlAdamW(List<DjlTrainable> parameters, double weightDecay, NDManager parent) {
    this.parameters = parameters;
    this.weightDecay = weightDecay;
    this.manager = parent.newSubManager();
    this.moments = new AdamMoments<>(parameters.stream().map(DjlTrainable::name).toList(),
        i -> manager.zeros(parameters.get(i).value().getShape()), new AdamMoments.Arrays<>() {
          @Override
          public FloatTensor read(NDArray array) {
            return FloatTensor.of(array.toFloatArray(), array.getShape().getShape());
          }

          @Override
          public void write(NDArray array, FloatTensor values) {
            array.set(values.data());
          }
        });
  }

  /** The moments and step count, as a checkpoint saves and restores them. */
  public AdamMoments<NDArray> moments() {
    return moments;
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
    TrainingSession.requireFiniteNorm(norm, moments.stepCount());
    update(gradients, rate, TrainingSession.clipFactor(norm, maxNorm), scope);
    return norm;
  }

  /**
   * One update with gradients computed outside (DP-SGD's noised sum), flat in the parameters'
   * order, applied as they are.
   */
  public void apply(float[] flat, double rate, NDManager scope) {
    List<float[]> parts = FlatGradient.split(flat,
        parameters.stream().mapToLong(p -> p.value().size()).toArray());
    List<NDArray> gradients = new ArrayList<>(parameters.size());
    for (int i = 0; i < parts.size(); i++) {
      gradients.add(scope.create(parts.get(i), parameters.get(i).value().getShape()));
    }
    update(gradients, rate, 1f, scope);
  }

  private void update(List<NDArray> gradients, double rate, float clip, NDManager scope) {
    AdamMoments.Corrections corrections = moments.nextStep();
    for (int i = 0; i < parameters.size(); i++) {
      NDArray g = gradients.get(i).mul(clip);
      NDArray m = moments.first(i);
      NDArray v = moments.second(i);
      m.muli(AdamMoments.BETA1).addi(g.mul(1 - AdamMoments.BETA1));
      v.muli(AdamMoments.BETA2).addi(g.square().muli(1 - AdamMoments.BETA2));
      NDArray value = parameters.get(i).value();
      if (weightDecay > 0) {
        value.subi(DjlScopes.in(scope, value.mul((float) (rate * weightDecay))));
      }
      NDArray denominator = DjlScopes.in(scope, v.div(corrections.second())).sqrt()
          .add(AdamMoments.EPS);
      NDArray update = DjlScopes.in(scope, m.div(corrections.first())).div(denominator)
          .mul((float) rate);
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
  public void close() {
    manager.close();
  }
}
