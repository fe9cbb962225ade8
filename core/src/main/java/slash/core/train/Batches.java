package slash.core.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded shuffling and batching: the same seed gives the same batches on every engine. */
public final class Batches {
  private Batches() {}

  /** The batches of one epoch: a permutation seeded by (seed, epoch), cut into batches. */
  public static <T> List<List<T>> shuffled(List<T> examples, int batchSize, long seed, int epoch) {
    List<T> order = new ArrayList<>(examples);
    Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
    return inOrder(order, batchSize);
  }

  public static <T> List<List<T>> inOrder(List<T> examples, int batchSize) {
    List<List<T>> batches = new ArrayList<>();
    for (int start = 0; start < examples.size(); start += batchSize) {
      batches.add(examples.subList(start, Math.min(examples.size(), start + batchSize)));
    }
    return batches;
  }

  public static int count(int examples, int batchSize) {
    return (examples + batchSize - 1) / batchSize;
  }
}
