package slash.repro.tables;

import java.util.List;

/**
 * One row of a paper table: the paper's label (as in the paper-data file) and what we run for it.
 * A cell takes the best of the variants (the paper's "Linear" row is the better of the [CLS]
 * probe and WARP_0). No variants: the row is the paper's only, and {@code why} says why.
 */
public record RowSpec(String paperRow, List<Variant> variants, String why) {
  public static RowSpec run(String paperRow, Variant... variants) {
    return new RowSpec(paperRow, List.of(variants), null);
  }

  public static RowSpec paperOnly(String paperRow, String why) {
    return new RowSpec(paperRow, List.of(), why);
  }

  public boolean reproduced() {
    return !variants.isEmpty();
  }
}
