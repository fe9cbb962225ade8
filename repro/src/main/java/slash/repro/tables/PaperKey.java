package slash.repro.tables;

import java.util.Optional;
import slash.core.method.MethodConfig;
import slash.core.method.Sized;
import slash.methods.MethodRegistry;

/**
 * A method's key into the paper's hyperparameter tables (Tables 10-14, {@code paper/*.tsv}): its
 * registry id and its size, as the tables name a row ("slash", 5000). A method without a size has
 * no row there.
 */
record PaperKey(String method, int d) {
  static Optional<PaperKey> of(MethodConfig method) {
    return method instanceof Sized sized
        ? Optional.of(new PaperKey(MethodRegistry.of(method).id(), sized.size()))
        : Optional.empty();
  }
}
