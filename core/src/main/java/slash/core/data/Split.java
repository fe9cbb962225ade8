package slash.core.data;

/** Dataset splits. GLUE test labels are not public, so evaluation uses the official dev files. */
public enum Split {
  TRAIN,
  DEV,
  /** MNLI's second dev set; for every other task it is the same as {@link #DEV}. */
  DEV_MISMATCHED,
  TEST
}
