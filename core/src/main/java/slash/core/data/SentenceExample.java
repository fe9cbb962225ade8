package slash.core.data;

/**
 * One sequence-level example. {@code second} is null for single-sentence tasks. {@code label} is the
 * class index for classification and the score for regression (STS-B).
 */
public record SentenceExample(String first, String second, double label) {
  public boolean isPair() {
    return second != null;
  }

  public int classIndex() {
    return (int) label;
  }
}
