package slash.repro.paper;

/**
 * One cell of one of the paper's tables, as the paper prints it: the paper's number, never ours.
 * {@code part} is the model (or sub-table) the table reports on, {@code std} the ± over 5 seeds
 * where the paper gives it, {@code params} the paper's parameter-count text where it has one.
 */
public record PaperCell(String table, String part, String row, String params, String column,
    double value, Double std) {}
