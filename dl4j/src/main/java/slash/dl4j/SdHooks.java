package slash.dl4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import slash.core.model.EncoderHooks;

/**
 * The encoder's hook points on SameDiff: {@link EncoderHooks} over graph variables, called while
 * the graph is built rather than on every forward pass; {@link #begin} receives the graph (create
 * variables and constants there). Inside a block the activation hooks see rows [B*T, width]
 * (SdEncoder keeps a block on rows); the sequence hooks see [B, T, H].
 */
public interface SdHooks extends EncoderHooks<SDVariable, SameDiff> {
  SdHooks NONE = new SdHooks() {};
}
