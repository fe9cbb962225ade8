package slash.repro.tables;

import java.util.List;

/**
 * One table of the paper (or one part of it, for tables that report two models): rows of method
 * configs, columns of tasks. {@code pendingReason} marks a table we cannot fill yet (Table 6
 * needs DP-SGD): its cells say so and nothing runs.
 */
public record TableSpec(int number, PaperModel model, String title, List<Column> columns,
    List<RowSpec> rows, String pendingReason) {

  /** File stem of this table's reports: {@code table3}, {@code table9-roberta-large}. */
  public String id(boolean multiPart) {
    return "table" + number + (multiPart ? "-" + model.id() : "");
  }

  public boolean pending() {
    return pendingReason != null;
  }
}
