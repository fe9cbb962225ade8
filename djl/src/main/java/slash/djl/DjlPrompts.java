package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import slash.core.model.EncoderHooks.Sequence;

/**
 * Prompt positions in front of the sequence (WARP_n, JR-WARP): prepended to the embedding output
 * with an attended mask, and dropped from the final states so the head's [CLS]/[MASK] indices
 * still point at the right tokens.
 */
public final class DjlPrompts {
  private DjlPrompts() {}

  /** {@code prompts} [n, H], the same for every row, in front of every sequence. */
  public static Sequence<NDArray> prepend(Sequence<NDArray> sequence, NDArray prompts) {
    NDArray hidden = sequence.hidden();
    long batch = hidden.getShape().get(0);
    long n = prompts.getShape().get(0);
    long h = prompts.getShape().get(1);
    // reshape of a long-lived tensor lands in its manager: move it into the step's scope
    NDArray expanded = DjlScopes.in(hidden.getManager(), prompts.reshape(1, n, h))
        .broadcast(new Shape(batch, n, h));
    NDArray mask = sequence.mask();
    NDArray promptMask = mask.getManager().ones(new Shape(batch, n));
    return new Sequence<>(NDArrays.concat(new NDList(expanded, hidden), 1),
        NDArrays.concat(new NDList(promptMask, mask), 1));
  }

  /** {@code prompts} [B, n, H], each row's own (per-example prompts), in front of its sequence. */
  public static Sequence<NDArray> prependPerRow(Sequence<NDArray> sequence, NDArray prompts) {
    NDArray hidden = sequence.hidden();
    NDArray mask = sequence.mask();
    NDArray promptMask = mask.getManager().ones(new Shape(prompts.getShape().get(0),
        prompts.getShape().get(1)));
    return new Sequence<>(NDArrays.concat(new NDList(prompts, hidden), 1),
        NDArrays.concat(new NDList(promptMask, mask), 1));
  }

  /** The final states without the first {@code n} (prompt) positions. */
  public static NDArray drop(NDArray hidden, long n) {
    return hidden.get(new NDIndex(":, {}:, :", n));
  }
}
