package slash.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rules, checked on every import of the main sources: core knows no engine and no
 * method; the engines do not know each other, the methods or the tables; the baselines do not
 * know the paper's methods; the training loop knows no method; the tables know no engine.
 */
class LayeringTest {
  private static final Path ROOT = Path.of("..");
  private static final List<String> ENGINE_TYPES = List.of("ai.djl.ndarray", "ai.djl.engine",
      "ai.djl.pytorch", "ai.djl.training", "ai.djl.nn", "org.nd4j");

  private static List<String> violations(String module, String packagePath,
      List<String> forbidden) {
    Path sources = ROOT.resolve(module).resolve("src/main/java").resolve(packagePath);
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (!line.startsWith("import ")) {
            continue;
          }
          String imported = line.replace("import static ", "").replace("import ", "");
          forbidden.stream().filter(imported::startsWith).findFirst()
              .ifPresent(f -> found.add(ROOT.relativize(file) + ": " + line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static List<String> plus(List<String> a, String... b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }

  @Test
  void coreKnowsNoEngineAndNoMethod() {
    assertEquals(List.of(), violations("core", "slash/core", plus(ENGINE_TYPES, "slash.djl",
        "slash.dl4j", "slash.baselines", "slash.methods", "slash.repro")));
  }

  @Test
  void theEnginesDoNotKnowEachOtherOrTheMethods() {
    assertEquals(List.of(), violations("djl", "slash/djl", List.of("org.nd4j", "slash.dl4j",
        "slash.baselines", "slash.methods", "slash.repro")));
    assertEquals(List.of(), violations("dl4j", "slash/dl4j", List.of("ai.djl.ndarray",
        "ai.djl.engine", "ai.djl.pytorch", "slash.djl", "slash.baselines", "slash.methods",
        "slash.repro")));
  }

  @Test
  void theBaselinesDoNotKnowThePapersMethodsOrTheTables() {
    assertEquals(List.of(), violations("baselines", "slash/baselines",
        List.of("slash.methods", "slash.repro")));
    assertEquals(List.of(), violations("methods", "slash/methods", List.of("slash.repro")));
  }

  @Test
  void theTrainingLoopKnowsNoMethod() {
    assertEquals(List.of(), violations("core", "slash/core/train",
        List.of("slash.core.method", "slash.core.projection")));
  }

  @Test
  void theTablesKnowNoEngine() {
    assertEquals(List.of(), violations("repro", "slash/repro/tables",
        plus(ENGINE_TYPES, "slash.djl", "slash.dl4j", "ai.djl")));
  }

  @Test
  void theRuleReallyReadsImports() {
    // guard against a scan that finds nothing: the engines do import their libraries
    assertTrue(!violations("djl", "slash/djl", List.of("ai.djl.ndarray")).isEmpty());
  }
}
