package slash.repro.tables;

import java.util.List;
import java.util.Optional;
import slash.core.data.Task;
import slash.core.method.MethodConfig;
import slash.core.projection.Distribution;
import slash.methods.MethodRegistry;
import slash.repro.paper.PaperTsv;

/**
 * The best settings the paper reports for its own rows, the configs its full-scale runs take.
 * Paper data, typed into {@code paper/hyperparameters.tsv}: Tables 10-12 (initialisation,
 * learning rate and epochs per task; and Appendix C's one sentence for NER, filed as table 4, the
 * table it feeds: "SLaSh: uniform, 0.01; JR-WARP: normal, 0.03", 5 epochs, for every d of Table
 * 4's rows since the paper names no d); and {@code paper/private-hyperparameters.tsv}: Tables 13
 * and 14 (initialisation, learning rate and per-example clipping threshold per task and model;
 * the rest of the private setup is Appendix C's, in {@link PrivatePlan}).
 */
public final class PaperHyperparameters {
  static final String TRAINING = "/paper/hyperparameters.tsv";
  static final String PRIVATE_TRAINING = "/paper/private-hyperparameters.tsv";

  /**
   * One line of the tables: {@code epochs} for ordinary training (Tables 10-12), {@code clip} for
   * private training (Tables 13-14); the other is null.
   */
  public record Best(int table, String model, String method, int d, Task task,
      Distribution init, double learningRate, Integer epochs, Double clip) {}

  private final List<Best> rows;

  private PaperHyperparameters(List<Best> rows) {
    this.rows = rows;
  }

  /** Tables 10-12 (and the NER sentence). */
  public static PaperHyperparameters training() {
    return read(TRAINING, false);
  }

  /** Tables 13-14. */
  public static PaperHyperparameters privateTraining() {
    return read(PRIVATE_TRAINING, true);
  }

  private static PaperHyperparameters read(String resource, boolean clipColumn) {
    return new PaperHyperparameters(PaperTsv.read(resource, f -> new Best(
        Integer.parseInt(f[0]), f[1], MethodRegistry.byId(f[2]).id(), Integer.parseInt(f[3]),
        Task.parse(f[4]), Distribution.parse(f[5]), Double.parseDouble(f[6]),
        clipColumn ? null : Integer.valueOf(f[7]), clipColumn ? Double.valueOf(f[7]) : null)));
  }

  public List<Best> rows() {
    return rows;
  }

  /** The paper's best setting of {@code method} (a registry id) for one model, d and task. */
  public Optional<Best> find(PaperModel model, String method, int d, Task task) {
    return rows.stream().filter(b -> b.model().equals(model.id()) && b.method().equals(method)
        && b.d() == d && b.task() == task).findFirst();
  }

  /** The paper's best setting of {@code method} (by its {@link PaperKey}), if it has one. */
  public Optional<Best> find(PaperModel model, MethodConfig method, Task task) {
    return PaperKey.of(method).flatMap(key -> find(model, key.method(), key.d(), task));
  }
}
