package slash.repro.tables;

import java.util.List;
import java.util.Optional;
import slash.core.data.Task;
import slash.core.method.MethodConfig;
import slash.core.projection.Distribution;
import slash.methods.MethodRegistry;
import slash.repro.paper.PaperTsv;

/**
 * The best hyperparameters the paper reports for its own rows (Tables 10-12: initialisation,
 * learning rate, epochs per task; and Appendix C's one sentence for NER, filed as table 4, the
 * table it feeds: "SLaSh: uniform, 0.01; JR-WARP: normal, 0.03", 5 epochs, for every d of Table
 * 4's rows since the paper names no d), the configs its full-scale runs feed. Paper data, typed into
 * {@code paper/hyperparameters.tsv}.
 */
public final class Hyperparameters {
  static final String RESOURCE = "/paper/hyperparameters.tsv";

  /** One line of Tables 10-12. */
  public record Best(int table, String model, String method, int d, Task task,
      Distribution init, double learningRate, int epochs) {}

  private final List<Best> rows;

  private Hyperparameters(List<Best> rows) {
    this.rows = rows;
  }

  public static Hyperparameters load() {
    return new Hyperparameters(PaperTsv.read(RESOURCE, f -> new Best(Integer.parseInt(f[0]), f[1],
        MethodRegistry.byId(f[2]).id(), Integer.parseInt(f[3]), Task.parse(f[4]),
        Distribution.parse(f[5]), Double.parseDouble(f[6]), Integer.parseInt(f[7]))));
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
