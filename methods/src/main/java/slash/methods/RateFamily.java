package slash.methods;

/**
 * How much of the model a method trains, which decides its learning rate wherever no paper table,
 * sweep or {@code --lr} does: the tables' rates per family and scale are in the repro module's
 * {@code LearningRates}, the one function that gives a run its rate.
 */
public enum RateFamily {
  /** Every encoder weight (full finetuning): finetuning's small rates. */
  FULL_FINETUNING,
  /** Few parameters besides the head (SLaSh, JR-WARP, WARP, the linear probe): larger rates. */
  FEW_PARAMETERS,
  /** The encoder's biases (BitFit): the added modules' rates, BitFit's own 1e-3 at full scale. */
  BIASES,
  /** Modules added to every block (LoRA, adapters). */
  ADDED_MODULES
}
