package slash.repro.tables;

import java.util.List;
import java.util.Optional;
import slash.core.data.Task;
import slash.core.method.MethodConfig;
import slash.core.projection.Distribution;
import slash.methods.MethodRegistry;
import slash.repro.paper.PaperTsv;

/**
 * The paper's best private-training settings (Tables 13 and 14: initialisation, learning rate,
 * per-example clipping threshold per task and model), typed into {@code
 * paper/private-hyperparameters.tsv}. The rest of the paper's private setup is fixed (Appendix C):
 * batch 2048, 20 epochs, constant learning rate, epsilon 6.7, delta 1e-6.
 */
public final class PrivateHyperparameters {
  static final String RESOURCE = "/paper/private-hyperparameters.tsv";
  public static final int BATCH = 2048;
  public static final int EPOCHS = 20;

  /** One line of Tables 13-14. */
  public record Best(int table, String model, String method, int d, Task task,
      Distribution init, double learningRate, double clip) {}

  private final List<Best> rows;

  private PrivateHyperparameters(List<Best> rows) {
    this.rows = rows;
  }

  public static PrivateHyperparameters load() {
    return new PrivateHyperparameters(PaperTsv.read(RESOURCE, f -> new Best(Integer.parseInt(f[0]), f[1],
        MethodRegistry.byId(f[2]).id(), Integer.parseInt(f[3]), Task.parse(f[4]),
        Distribution.parse(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]))));
  }

  public List<Best> rows() {
    return rows;
  }

  /** The paper's best private setting of {@code method} for one model, d and task. */
  public Optional<Best> find(PaperModel model, String method, int d, Task task) {
    return rows.stream().filter(b -> b.model().equals(model.id()) && b.method().equals(method)
        && b.d() == d && b.task() == task).findFirst();
  }

  /** The paper's best setting of {@code method} (by its {@link PaperKey}), if it has one. */
  public Optional<Best> find(PaperModel model, MethodConfig method, Task task) {
    return PaperKey.of(method).flatMap(key -> find(model, key.method(), key.d(), task));
  }
}
