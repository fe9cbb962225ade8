package slash.dl4j;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import slash.core.io.FloatTensor;
import slash.core.train.AdamMoments;
import slash.core.train.TrainingSession;

/**
 * AdamW with torch.optim.AdamW's semantics (bias-corrected moments, decoupled weight decay) and
 * global-norm clipping, on ND4J arrays updated in place: the same numbers as the DJL engine's
 * DjlAdamW, and the same moments and state names ({@link AdamMoments}), so a run resumes on
 * either engine.
 */
final class SdAdamW {
  private final List<String> names;
  private final AdamMoments<INDArray> moments;
  /** Two scratch arrays per parameter, kept across steps. */
  private final INDArray[][] scratch;
  private final double weightDecay;

  SdAdamW(List<String> names, Map<String, INDArray> parameters, double weightDecay) {
    this.names = names;
    this.weightDecay = weightDecay;
    this.scratch = new INDArray[names.size()][2];
    this.moments = new AdamMoments<>(names, i -> Nd4j.zerosLike(parameters.get(names.get(i))),
        new AdamMoments.Arrays<>() {
          @Override
          public FloatTensor read(INDArray array) {
            return FloatTensor.of(array.dup('c').data().asFloat(), array.shape());
          }

          @Override
          public void write(INDArray array, FloatTensor values) {
            array.assign(Nd4j.create(values.data(), values.shape(), 'c'));
          }
        });
  }

  /** The moments and step count, as a checkpoint saves and restores them. */
  AdamMoments<INDArray> moments() {
    return moments;
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
    for (int i = 0; i < names.size(); i++) {
      INDArray g = gradients.get(names.get(i));
      squared += scratch(i, 0).assign(g).muli(g).sumNumber().doubleValue();
    }
    double norm = Math.sqrt(squared);
    TrainingSession.requireFiniteNorm(norm, moments.stepCount());
    float clip = TrainingSession.clipFactor(norm, maxNorm);
    AdamMoments.Corrections corrections = moments.nextStep();
    for (int i = 0; i < names.size(); i++) {
      INDArray a = scratch(i, 0);
      INDArray b = scratch(i, 1);
      INDArray g = a.assign(gradients.get(names.get(i))).muli(clip);
      INDArray m = moments.first(i).muli(AdamMoments.BETA1)
          .addi(b.assign(g).muli(1 - AdamMoments.BETA1));
      INDArray v = moments.second(i).muli(AdamMoments.BETA2)
          .addi(b.assign(g).muli(g).muli(1 - AdamMoments.BETA2));
      INDArray value = parameters.get(names.get(i));
      if (weightDecay > 0) {
        value.subi(b.assign(value).muli((float) (rate * weightDecay)));
      }
      INDArray denominator = Transforms.sqrt(a.assign(v).divi(corrections.second()), false)
          .addi(AdamMoments.EPS);
      value.subi(b.assign(m).divi(corrections.first()).divi(denominator).muli((float) rate));
    }
    return norm;
  }

  private INDArray scratch(int parameter, int which) {
    INDArray[] pair = scratch[parameter];
    if (pair[which] == null) {
      INDArray like = moments.first(parameter);
      pair[which] = Nd4j.createUninitialized(like.dataType(), like.shape());
    }
    return pair[which];
  }
}
