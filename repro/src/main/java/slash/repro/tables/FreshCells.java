package slash.repro.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the cells a reproduction trained afresh compare with the ones that were there before (the
 * committed results): same seed and thread count give the same numbers; anything else shows up
 * here as a difference, cell by cell.
 */
final class FreshCells {
  /** Differences below this are printing noise, not a different result. */
  static final double SAME = 1e-9;

  private final Set<String> trained;
  private final List<String> lines = new ArrayList<>();
  private int same;
  private int differ;
  private int added;
  private double largest;

  FreshCells(Set<String> trained) {
    this.trained = trained;
  }

  /** Compares one table's cells; only cells with a run trained this time count. */
  void compare(String table, List<Cell> before, List<Cell> after) {
    for (int i = 0; i < after.size(); i++) {
      Cell now = after.get(i);
      if (!now.hasOurs() || now.runs().stream().noneMatch(trained::contains)) {
        continue;
      }
      Cell then = before.get(i);
      if (!then.hasOurs()) {
        added++;
        lines.add(String.format(Locale.ROOT, "  %s %s / %s: new %.2f", table, now.row(),
            now.column(), now.ours()));
        continue;
      }
      double delta = now.ours() - then.ours();
      if (Math.abs(delta) <= SAME) {
        same++;
      } else {
        differ++;
        largest = Math.max(largest, Math.abs(delta));
      }
      lines.add(String.format(Locale.ROOT, "  %s %s / %s: committed %.2f, fresh %.2f (%s)",
          table, now.row(), now.column(), then.ours(), now.ours(),
          Math.abs(delta) <= SAME ? "same" : String.format(Locale.ROOT, "%+.2f", delta)));
    }
  }

  /** The summary line, then the cells; nothing when no cell was trained this time. */
  List<String> report() {
    if (same + differ + added == 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "fresh cells against the committed ones: %d the same, "
        + "%d different%s, %d new (a different seed, thread count or code changes the numbers; "
        + "see each run's result.json)", same, differ,
        differ == 0 ? "" : String.format(Locale.ROOT, " (largest |difference| %.2f)", largest),
        added));
    out.addAll(lines);
    return out;
  }
}
