package slash.core.data;

import java.util.List;

/** One NER sentence: words and their IOB2 tag indices into {@link Task#CONLL2003}'s labels. */
public record TokenExample(List<String> words, List<Integer> tags) {
  public TokenExample {
    if (words.size() != tags.size()) {
      throw new IllegalArgumentException(words.size() + " words but " + tags.size() + " tags");
    }
    words = List.copyOf(words);
    tags = List.copyOf(tags);
  }
}
