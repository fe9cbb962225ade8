package slash.core.config;

import java.util.Locale;

/** The three sizes of the same code (DESIGN.md "Scales"). */
public enum Scale {
  /** Tiny random encoder, generated data: tests and CI, seconds. */
  SMOKE,
  /** Real pretrained MiniLM-L6 from Maven Central, real task files: a CPU, minutes. */
  MINI,
  /** RoBERTa / BERT from a Hugging Face folder, full data: a GPU. */
  FULL;

  public static Scale parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown scale '" + name + "'; use smoke, mini or full");
    }
  }
}
