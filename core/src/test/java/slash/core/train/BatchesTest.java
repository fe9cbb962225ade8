package slash.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Length-grouped batches against Hugging Face's get_length_grouped_indices, rule by rule. */
class BatchesTest {
  /** Example i has length lengths.get(i); the examples are their indices. */
  private static final List<Integer> LENGTHS = randomLengths(1000, 7);

  private static List<Integer> randomLengths(int n, long seed) {
    Random random = new Random(seed);
    return IntStream.range(0, n).mapToObj(i -> 3 + random.nextInt(120)).toList();
  }

  private static List<Integer> indices(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private static List<List<Integer>> grouped(List<Integer> lengths, int batch, long seed,
      int epoch) {
    return Batches.lengthGrouped(indices(lengths.size()), batch, seed, epoch, lengths::get);
  }

  private static long paddedTokens(List<List<Integer>> batches, List<Integer> lengths) {
    return batches.stream()
        .mapToLong(b -> (long) b.size() * b.stream().mapToInt(lengths::get).max().orElse(0))
        .sum();
  }

  @Test
  void everyExampleComesOnceAnEpoch() {
    List<Integer> seen = new ArrayList<>();
    List<List<Integer>> batches = grouped(LENGTHS, 8, 0, 0);
    batches.forEach(seen::addAll);
    Collections.sort(seen);
    assertEquals(indices(LENGTHS.size()), seen);
    assertEquals(Batches.count(LENGTHS.size(), 8), batches.size());
    assertTrue(batches.stream().limit(batches.size() - 1).allMatch(b -> b.size() == 8));
  }

  @Test
  void megabatchesAreSortedLongestFirstWithTheLongestExampleInTheFirstBatch() {
    int batch = 8;
    // 1,000 examples / (4 x 8) = 31 batches a group, under the cap of 50
    int megabatch = batch * Math.min(LENGTHS.size() / (batch * 4), Batches.MEGABATCH_BATCHES);
    List<Integer> order = new ArrayList<>();
    grouped(LENGTHS, batch, 3, 1).forEach(order::addAll);
    int longest = Collections.max(LENGTHS);
    assertEquals(longest, (int) LENGTHS.get(order.get(0)));
    for (int start = 0; start < order.size(); start += megabatch) {
      // the first of each group may be the one swapped with the longest; the rest descend
      for (int i = start + 2; i < Math.min(order.size(), start + megabatch); i++) {
        assertTrue(LENGTHS.get(order.get(i - 1)) >= LENGTHS.get(order.get(i)),
            "group at " + start + " not sorted at " + i);
      }
    }
  }

  @Test
  void groupingPadsFarLessThanAShuffle() {
    long shuffled = paddedTokens(Batches.shuffled(indices(LENGTHS.size()), 8, 0, 0), LENGTHS);
    long grouped = paddedTokens(grouped(LENGTHS, 8, 0, 0), LENGTHS);
    long exact = LENGTHS.stream().mapToLong(Integer::longValue).sum();
    assertTrue(grouped < 0.7 * shuffled, grouped + " vs " + shuffled);
    assertTrue(grouped < 1.15 * exact, grouped + " vs " + exact + " real tokens");
  }

  @Test
  void theOrderIsSeededAndChangesWithSeedAndEpoch() {
    assertEquals(grouped(LENGTHS, 8, 5, 2), grouped(LENGTHS, 8, 5, 2));
    assertNotEquals(grouped(LENGTHS, 8, 5, 2), grouped(LENGTHS, 8, 5, 3));
    assertNotEquals(grouped(LENGTHS, 8, 5, 2), grouped(LENGTHS, 8, 6, 2));
  }

  @Test
  void smallAndEmptySetsStillBatch() {
    List<Integer> few = randomLengths(20, 1); // fewer than 4 batches: one batch per group
    List<Integer> seen = new ArrayList<>();
    List<List<Integer>> batches = grouped(few, 8, 0, 0);
    batches.forEach(seen::addAll);
    Collections.sort(seen);
    assertEquals(indices(20), seen);
    assertEquals(3, batches.size());
    assertEquals(List.of(), Batches.lengthGrouped(List.<Integer>of(), 8, 0, 0, i -> i));
  }
}
