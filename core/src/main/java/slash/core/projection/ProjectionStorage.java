package slash.core.projection;

/** Whether the W_l live as tensors, or are regenerated from the seed whenever they are needed. */
public enum ProjectionStorage {
  STORED,
  ON_THE_FLY
}
