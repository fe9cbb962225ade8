package slash.repro.tables;

/**
 * One cell of a regenerated table: our value (mean and std over seeds, or why there is none) and
 * the paper's value beside it. Paper numbers are the paper's, never ours.
 *
 * @param status {@code ok}, or why the cell has no value of ours: {@code no data}, {@code failed:
 *     ...}, {@code pending: ...}, {@code paper only: ...}, {@code not evaluated: ...}
 */
public record Cell(String row, String column, Double ours, Double oursStd, int seeds,
    Double paper, Double paperStd, String status, String privacy, java.util.List<String> runs) {

  /**
   * A cell; {@code runs}: the per-run results it was computed from (file names under {@code
   * runs/} without {@code .json}), so a reader goes from a number to its {@code result.json}.
   */
  public Cell {
    runs = runs == null ? java.util.List.of() : java.util.List.copyOf(runs);
  }

  public Cell(String row, String column, Double ours, Double oursStd, int seeds, Double paper,
      Double paperStd, String status, String privacy) {
    this(row, column, ours, oursStd, seeds, paper, paperStd, status, privacy, null);
  }

  /** A cell of a non-private row ({@code privacy}: what a private cell's run spent). */
  public Cell(String row, String column, Double ours, Double oursStd, int seeds, Double paper,
      Double paperStd, String status) {
    this(row, column, ours, oursStd, seeds, paper, paperStd, status, null);
  }

  public boolean hasOurs() {
    return ours != null;
  }

  /** Ours minus the paper's, where both exist. */
  public Double difference() {
    return ours == null || paper == null ? null : ours - paper;
  }
}
