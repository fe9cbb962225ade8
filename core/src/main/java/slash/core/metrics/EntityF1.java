package slash.core.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Entity-level micro F1 with seqeval's default (conlleval) semantics on IOB2 tags: an entity is a
 * maximal (type, start, end) chunk and counts as correct only if both its type and its exact span
 * match a gold entity. A stray I- after O or after another type starts a new entity, as in conlleval.
 */
public final class EntityF1 {
  private EntityF1() {}

  public record Entity(int sentence, String type, int start, int end) {}

  public static double score(List<List<String>> predicted, List<List<String>> gold) {
    if (predicted.size() != gold.size()) {
      throw new IllegalArgumentException(predicted.size() + " predicted sentences but "
          + gold.size() + " gold");
    }
    Set<Entity> predictedEntities = new HashSet<>();
    Set<Entity> goldEntities = new HashSet<>();
    for (int s = 0; s < gold.size(); s++) {
      if (predicted.get(s).size() != gold.get(s).size()) {
        throw new IllegalArgumentException("sentence " + s + ": " + predicted.get(s).size()
            + " predicted tags but " + gold.get(s).size() + " gold");
      }
      predictedEntities.addAll(entities(s, predicted.get(s)));
      goldEntities.addAll(entities(s, gold.get(s)));
    }
    long correct = predictedEntities.stream().filter(goldEntities::contains).count();
    if (correct == 0) {
      return 0.0;
    }
    double precision = (double) correct / predictedEntities.size();
    double recall = (double) correct / goldEntities.size();
    return 2 * precision * recall / (precision + recall);
  }

  public static Set<Entity> entities(int sentence, List<String> tags) {
    Set<Entity> out = new HashSet<>();
    String type = null;
    int start = -1;
    for (int i = 0; i <= tags.size(); i++) {
      String tag = i < tags.size() ? tags.get(i) : "O";
      String prefix = tag.equals("O") ? "O" : tag.substring(0, 1);
      String tagType = tag.equals("O") ? null : tag.substring(2);
      boolean continues = prefix.equals("I") && type != null && type.equals(tagType);
      if (type != null && !continues) {
        out.add(new Entity(sentence, type, start, i - 1));
        type = null;
      }
      if (!prefix.equals("O") && !continues) {
        type = tagType;
        start = i;
      }
    }
    return out;
  }
}
