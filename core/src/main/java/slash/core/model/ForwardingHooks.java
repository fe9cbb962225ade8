package slash.core.model;

import slash.core.method.AttentionProjection;

/**
 * Hooks that pass every call on to {@code inner}: the base of wrappers that act at a few sites
 * around a method's hooks (the model's dropout), on either engine.
 */
public abstract class ForwardingHooks<A, S> implements EncoderHooks<A, S> {
  protected final EncoderHooks<A, S> inner;

  protected ForwardingHooks(EncoderHooks<A, S> inner) {
    this.inner = inner;
  }

  @Override
  public void begin(S scope) {
    inner.begin(scope);
  }

  @Override
  public Sequence<A> afterEmbeddings(Sequence<A> sequence) {
    return inner.afterEmbeddings(sequence);
  }

  @Override
  public A beforeLayer(int layer, A hidden) {
    return inner.beforeLayer(layer, hidden);
  }

  @Override
  public A attentionProjection(int layer, AttentionProjection target, A input, A output) {
    return inner.attentionProjection(layer, target, input, output);
  }

  @Override
  public A attentionProbabilities(int layer, A probabilities) {
    return inner.attentionProbabilities(layer, probabilities);
  }

  @Override
  public A attentionOutput(int layer, A activation) {
    return inner.attentionOutput(layer, activation);
  }

  @Override
  public A attentionLayerNorm(int layer, A hidden) {
    return inner.attentionLayerNorm(layer, hidden);
  }

  @Override
  public A intermediate(int layer, A activation) {
    return inner.intermediate(layer, activation);
  }

  @Override
  public A output(int layer, A activation) {
    return inner.output(layer, activation);
  }

  @Override
  public A finalHidden(A hidden) {
    return inner.finalHidden(hidden);
  }
}
