package slash.dl4j;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import slash.core.io.FloatTensor;
import slash.core.train.AdamState;
import slash.core.train.OptimizerState;
import slash.core.train.TrainingSession;

/**
 * AdamW with torch.optim.AdamW's semantics (bias-corrected moments, decoupled weight decay) and
 * global-norm clipping, on ND4J arrays updated in place: the same numbers as the DJL engine's
 * DjlAdamW, and the same state names, so a run resumes on either engine.
 */
final class SdAdamW implements OptimizerState {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final List<String> names;
  private final Map<String, INDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, INDArray> secondMoments = new LinkedHashMap<>();
  private final Map<String, INDArray[]> scratch = new HashMap<>();
  private final double weightDecay;
  private int step;

  SdAdamW(List<String> names, Map<String, INDArray> parameters, double weightDecay) {
    this.names = names;
    this.weightDecay = weightDecay;
    for (String name : names) {
      firstMoments.put(name, Nd4j.zerosLike(parameters.get(name)));
      secondMoments.put(name, Nd4j.zerosLike(parameters.get(name)));
    }
  }

  /**
   * One update; returns the gradient norm before clipping. Every intermediate lands in two
   * scratch arrays per parameter, kept across steps (full finetuning updates 22.6M numbers a
   * step: fresh temporaries would be 8 x 90 MB of native memory per step); the arithmetic, op
   * by op, is that of the allocating form, so the numbers are the same bit for bit.
   */
  double step(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double rate,
      double maxNorm) {
    double squared = 0;
    for (String name : names) {
      INDArray g = gradients.get(name);
      squared += scratch(name, 0).assign(g).muli(g).sumNumber().doubleValue();
    }
    double norm = Math.sqrt(squared);
    TrainingSession.requireFiniteNorm(norm, step);
    float clip = TrainingSession.clipFactor(norm, maxNorm);
    step++;
    float correction1 = 1 - (float) Math.pow(BETA1, step);
    float correction2 = 1 - (float) Math.pow(BETA2, step);
    for (String name : names) {
      INDArray a = scratch(name, 0);
      INDArray b = scratch(name, 1);
      INDArray g = a.assign(gradients.get(name)).muli(clip);
      INDArray m = firstMoments.get(name).muli(BETA1).addi(b.assign(g).muli(1 - BETA1));
      INDArray v = secondMoments.get(name).muli(BETA2)
          .addi(b.assign(g).muli(g).muli(1 - BETA2));
      INDArray value = parameters.get(name);
      if (weightDecay > 0) {
        value.subi(b.assign(value).muli((float) (rate * weightDecay)));
      }
      INDArray denominator = Transforms.sqrt(a.assign(v).divi(correction2), false).addi(EPS);
      value.subi(b.assign(m).divi(correction1).divi(denominator).muli((float) rate));
    }
    return norm;
  }

  private INDArray scratch(String name, int which) {
    INDArray[] pair = scratch.computeIfAbsent(name, n -> new INDArray[2]);
    if (pair[which] == null) {
      pair[which] = Nd4j.createUninitialized(firstMoments.get(name).dataType(),
          firstMoments.get(name).shape());
    }
    return pair[which];
  }

  @Override
  public int stepCount() {
    return step;
  }

  @Override
  public Map<String, FloatTensor> state() {
    Map<String, FloatTensor> first = new LinkedHashMap<>();
    Map<String, FloatTensor> second = new LinkedHashMap<>();
    for (String name : names) {
      first.put(name, tensor(firstMoments.get(name)));
      second.put(name, tensor(secondMoments.get(name)));
    }
    return new AdamState(first, second, step).tensors();
  }

  @Override
  public void load(Map<String, FloatTensor> state) {
    AdamState saved = AdamState.read(state, names);
    for (String name : names) {
      firstMoments.get(name).assign(array(saved.first().get(name)));
      secondMoments.get(name).assign(array(saved.second().get(name)));
    }
    step = saved.step();
  }

  private static INDArray array(FloatTensor t) {
    return Nd4j.create(t.data(), t.shape(), 'c');
  }

  private static FloatTensor tensor(INDArray array) {
    return FloatTensor.of(array.dup('c').data().asFloat(), array.shape());
  }
}
