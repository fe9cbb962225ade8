package slash.core.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/** Seeded shuffling and batching: the same seed gives the same batches on every engine. */
public final class Batches {
  /** Hugging Face's {@code mega_batch_mult}: how many batches one length-sorted group holds. */
  static final int MEGABATCH_BATCHES = 50;

  private Batches() {}

  /** The batches of one epoch: a permutation seeded by (seed, epoch), cut into batches. */
  public static <T> List<List<T>> shuffled(List<T> examples, int batchSize, long seed, int epoch) {
    return inOrder(permutation(examples, seed, epoch), batchSize);
  }

  /**
   * The batches of one epoch with little padding, as Hugging Face's {@code group_by_length}
   * ({@code get_length_grouped_indices}): the seeded permutation of {@link #shuffled} cut into
   * megabatches of {@value #MEGABATCH_BATCHES} batches (fewer for a small set), each sorted by
   * length, longest first, and the longest example of all moved to the first batch. Every example
   * still comes once an epoch, in an order that changes with the seed and the epoch.
   */
  public static <T> List<List<T>> lengthGrouped(List<T> examples, int batchSize, long seed,
      int epoch, ToIntFunction<? super T> length) {
    if (examples.isEmpty()) {
      return List.of();
    }
    List<T> order = permutation(examples, seed, epoch);
    int megabatch = batchSize * Math.max(1, Math.min(examples.size() / (batchSize * 4),
        MEGABATCH_BATCHES));
    Comparator<T> longestFirst = Comparator.<T>comparingInt(length::applyAsInt).reversed();
    List<List<T>> groups = new ArrayList<>();
    for (int start = 0; start < order.size(); start += megabatch) {
      List<T> group = new ArrayList<>(order.subList(start,
          Math.min(order.size(), start + megabatch)));
      group.sort(longestFirst); // stable: ties keep the shuffled order
      groups.add(group);
    }
    int longest = 0;
    for (int g = 1; g < groups.size(); g++) {
      if (length.applyAsInt(groups.get(g).get(0))
          > length.applyAsInt(groups.get(longest).get(0))) {
        longest = g;
      }
    }
    T first = groups.get(0).get(0);
    groups.get(0).set(0, groups.get(longest).get(0));
    groups.get(longest).set(0, first);
    List<T> grouped = new ArrayList<>(order.size());
    groups.forEach(grouped::addAll);
    return inOrder(grouped, batchSize);
  }

  private static <T> List<T> permutation(List<T> examples, long seed, int epoch) {
    List<T> order = new ArrayList<>(examples);
    Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
    return order;
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
