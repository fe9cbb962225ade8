package slash.core.text;

import java.util.Locale;

/**
 * Which position's final hidden state feeds the head (paper Section 3.1 and Table 9): the first
 * token ([CLS] / {@code <s>}) or a mask token placed after a single sentence or between the two
 * sentences of a pair.
 */
public enum Representation {
  CLS,
  MASK;

  public static Representation parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown representation '" + name + "'; use cls or mask");
    }
  }
}
