package slash.repro.tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;
import slash.methods.MethodRegistry;
import slash.methods.RateFamily;

/**
 * The one function that gives a run its learning rate, for {@code train} and {@code repro} alike:
 * the rate given ({@code --lr}, or one of the sweep's); else at full scale the paper's best for the
 * method, its d, the task and the model (Tables 10-12, private: 13-14) where the paper has one;
 * else a private run's constant rate ({@link PrivatePlan}); else the rate of the method's family
 * ({@link RateFamily}, from its registry entry) at the scale. How the rate then changes over the
 * steps is the step policy's schedule, not this.
 */
public final class LearningRates {
  private LearningRates() {}

  public static double of(Scale scale, MethodConfig method, Task task, PaperModel paperModel,
      boolean privately, Double given) {
    if (given != null) {
      return given;
    }
    if (scale == Scale.FULL && paperModel != null) {
      Optional<Double> paper = privately
          ? PaperHyperparameters.privateTraining().find(paperModel, method, task)
              .map(PaperHyperparameters.Best::learningRate)
          : PaperHyperparameters.training().find(paperModel, method, task)
              .map(PaperHyperparameters.Best::learningRate);
      if (paper.isPresent()) {
        return paper.get();
      }
    }
    return privately ? PrivatePlan.defaultRate(scale)
        : ofFamily(MethodRegistry.of(method).rates(), scale);
  }

  /**
   * A {@code train} run's rate: as {@link #of}, the paper's model being the one whose shape
   * {@code model}'s {@code config.json} has (none below full scale, or for another model).
   */
  public static double forTrain(Scale scale, MethodConfig method, Task task, String model,
      boolean privately, Double given) {
    return of(scale, method, task, scale == Scale.FULL ? paperModel(model) : null, privately,
        given);
  }

  /**
   * The rate of a family at a scale, not tuned per task: smoke's learn the generated data in 4
   * epochs; mini's work at one epoch over a few thousand examples; full's are the baselines' own
   * papers' rates on GLUE.
   */
  static double ofFamily(RateFamily family, Scale scale) {
    return switch (family) {
      case FULL_FINETUNING -> at(scale, 1e-3, 5e-5, 2e-5);
      // mini: 1e-2 beat 3e-3 at this budget (SST-2, 2,000 examples: SLaSh 76.9 vs 75.6, JR-WARP
      // 75.8 vs 61.4, WARP_8 61.2 vs 54.8); 3e-2 fell to the majority class
      case FEW_PARAMETERS -> at(scale, 3e-2, 1e-2, 3e-3);
      case BIASES -> at(scale, 1e-2, 1e-3, 1e-3);
      case ADDED_MODULES -> at(scale, 1e-2, 1e-3, 5e-4);
    };
  }

  /**
   * The two rates a cell of the {@link MiniBudget#LEARNING} budget tries: the family's one-epoch
   * rate and its neighbour on Appendix C's half-decade grid (full finetuning: 3e-5 as the pilots
   * and BitFit's paper, and 1e-4), the better mean dev score kept.
   */
  public static List<Double> miniGrid(RateFamily family) {
    return switch (family) {
      case FULL_FINETUNING -> List.of(3e-5, 1e-4);
      case FEW_PARAMETERS -> List.of(3e-3, 1e-2);
      case BIASES -> List.of(1e-3, 3e-3);
      case ADDED_MODULES -> List.of(3e-4, 1e-3);
    };
  }

  private static double at(Scale scale, double smoke, double mini, double full) {
    return switch (scale) {
      case SMOKE -> smoke;
      case MINI -> mini;
      case FULL -> full;
    };
  }

  /** The paper's model with the shape of the Hugging Face folder {@code model}, if any. */
  static PaperModel paperModel(String model) {
    Path config = model == null ? null : Path.of(model).resolve("config.json");
    if (config == null || !Files.isRegularFile(config)) {
      return null; // the run's own validation says what is missing
    }
    EncoderConfig encoder = EncoderConfig.read(config);
    return Arrays.stream(PaperModel.values()).filter(p -> p.sameShape(encoder)).findFirst()
        .orElse(null);
  }
}
