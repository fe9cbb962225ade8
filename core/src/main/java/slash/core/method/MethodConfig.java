package slash.core.method;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slash.core.config.ConfigException;
import slash.core.io.FloatTensor;
import slash.core.model.EncoderConfig;
import slash.core.model.EncoderWeights;

/**
 * What one adaptation method is, engine-neutrally: a record of its knobs that validates itself in
 * its constructor, and knows its label, the tensors it trains, their initial values and how it
 * folds into the encoder for inference. Each method's record lives in the method's own folder and
 * is listed once in the method registry; the engines and the training loop see only this
 * interface.
 *
 * <p>Not a {@code sealed} interface: on the class path (no Java modules) a sealed type's permitted
 * records must share its package, which would pull every method's config out of its folder. The
 * registry closes the set instead, and a test walks it.
 *
 * <p>JSON: the type tag is the {@code "method"} field with the method's constant name ({@code
 * "SLASH"}, {@code "LORA"}, ...), then the record's fields: the very JSON the single record of
 * earlier versions wrote, so old {@code result.json} files and checkpoints read unchanged.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY,
    property = "method")
public interface MethodConfig {
  /** Short label for tables and file names, e.g. {@code slash-d1024}. */
  String label();

  /** Checks the knobs against the encoder's sizes (rank > hidden, W = I with d != hidden...). */
  default void validate(EncoderConfig encoder) {}

  /**
   * Everything the method trains besides the head, in a fixed order: its new tensors (z, LoRA
   * factors, adapters, prompts) and the encoder weights that train in place ({@link
   * #encoderWeights}), with their shapes. Both engines create their trainables from this map, so
   * checkpoints cross engines and a paper row's parameter count is known without weights.
   */
  Map<String, long[]> layout(EncoderConfig encoder);

  /** Encoder weights that train in place (full finetuning: all; BitFit: the biases). */
  default List<String> encoderWeights(EncoderConfig encoder) {
    return List.of();
  }

  /** The layout's new tensors: {@link #layout} without the in-place encoder weights. */
  default Map<String, long[]> newTensors(EncoderConfig encoder) {
    Map<String, long[]> fresh = new LinkedHashMap<>(layout(encoder));
    encoderWeights(encoder).forEach(fresh::remove);
    return fresh;
  }

  /** Row-major initial values of the new tensor {@code name}, seeded by the run seed. */
  default float[] initialValues(String name, long[] shape, long seed) {
    throw new IllegalArgumentException(label() + " has no new tensor " + name);
  }

  /**
   * The encoder with the trained method folded in, for hook-free inference at the plain encoder's
   * cost; empty when the method cannot fold (it adds positions or layers). {@code weights}
   * already carry the in-place trained encoder weights; {@code state} is the trained state.
   */
  Optional<EncoderWeights> fold(EncoderWeights weights, Map<String, FloatTensor> state);

  /**
   * This config for a run with seed {@code runSeed}: methods with random draws of their own that
   * follow the run seed unless pinned (SLaSh's and JR-WARP's W_l and z with no projection seed)
   * return a copy with the seed filled in; every other method returns itself.
   */
  default MethodConfig forRunSeed(long runSeed) {
    return this;
  }

  /**
   * Whether training keeps the model's own dropout (full finetuning, as Hugging Face trains);
   * every other method trains without, as the paper does for SLaSh and JR-WARP.
   */
  default boolean keepsModelDropout() {
    return false;
  }

  /**
   * Where this implementation knowingly differs from the method's reference (its released code or
   * its paper), one sentence each: a footnote of every table that runs the method.
   */
  default List<String> knownDifferences() {
    return List.of();
  }

  /**
   * The state the method's classification head reads in the paper's released code: [MASK] for
   * SLaSh, JR-WARP and WARP (their prompt-style heads), [CLS] where the released code trains a
   * baseline with Hugging Face's sequence-classification head.
   */
  default slash.core.text.Representation releasedHead() {
    return slash.core.text.Representation.MASK;
  }

  /** The check a record's constructor makes; the message names the field. */
  static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new ConfigException("method." + field, problem);
    }
  }
}
