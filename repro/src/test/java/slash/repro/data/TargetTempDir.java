package slash.repro.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/** {@code @TempDir(factory = TargetTempDir.class)}: temporary folders under target/, not /tmp. */
public final class TargetTempDir implements TempDirFactory {
  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
      throws IOException {
    Path parent = Path.of("target", "test-tmp").toAbsolutePath();
    Files.createDirectories(parent);
    return Files.createTempDirectory(parent, context.getRequiredTestClass().getSimpleName());
  }
}
