package slash.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rules, checked on every import of the main sources: core knows no engine and no
 * method; the engines do not know each other, the methods or the tables; the baselines do not
 * know the paper's methods; the training loop knows no method; the tables know no engine; and no
 * class imports itself back through a chain of imports.
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

  /**
   * Import cycles (a class that imports one that, through imports, imports it again) tie
   * packages into one unit that can be neither read nor changed alone.
   */
  @Test
  void noClassImportsItselfBackThroughOthers() {
    assertEquals(List.of(), cycles(importGraph()));
  }

  @Test
  void theCycleSearchFindsACycle() {
    Map<String, Set<String>> graph = Map.of("a.A", Set.of("b.B"), "b.B", Set.of("c.C"),
        "c.C", Set.of("a.A"));
    assertEquals(List.of("a.A -> b.B -> c.C -> a.A"), cycles(new TreeMap<>(graph)));
    assertTrue(importGraph().get("slash.repro.Cli").contains("slash.repro.cli.Commands"));
  }

  /** Every main class of every module, with the project classes it imports. */
  private static Map<String, Set<String>> importGraph() {
    Map<String, List<String>> imports = new TreeMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path sources : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory)
          .toList()) {
        try (Stream<Path> files = Files.walk(sources)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            String name = sources.relativize(file).toString().replace(File.separatorChar, '.')
                .replaceFirst("\\.java$", "");
            imports.put(name, Files.readAllLines(file).stream()
                .filter(line -> line.startsWith("import "))
                .map(line -> line.replace("import static ", "").replace("import ", "")
                    .replace(";", "").strip())
                .toList());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Set<String>> graph = new TreeMap<>();
    imports.forEach((name, imported) -> {
      Set<String> targets = new TreeSet<>();
      imported.forEach(i -> owner(i, imports.keySet()).ifPresent(targets::add));
      graph.put(name, targets);
    });
    return graph;
  }

  /** The project class an import names: itself, or the class of a nested type or member. */
  private static Optional<String> owner(String imported, Set<String> classes) {
    for (String name = imported; name.contains(".");
        name = name.substring(0, name.lastIndexOf('.'))) {
      if (classes.contains(name)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** The cycles a depth-first search meets, each as {@code A -> B -> A}. */
  private static List<String> cycles(Map<String, Set<String>> graph) {
    List<String> found = new ArrayList<>();
    Set<String> finished = new HashSet<>();
    for (String start : graph.keySet()) {
      visit(start, graph, new ArrayList<>(), finished, found);
    }
    return found;
  }

  private static void visit(String node, Map<String, Set<String>> graph, List<String> path,
      Set<String> finished, List<String> found) {
    int at = path.indexOf(node);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      cycle.add(node);
      found.add(String.join(" -> ", cycle));
      return;
    }
    if (finished.contains(node)) {
      return;
    }
    path.add(node);
    graph.getOrDefault(node, Set.of()).forEach(next -> visit(next, graph, path, finished, found));
    path.remove(path.size() - 1);
    finished.add(node);
  }

  @Test
  void theRuleReallyReadsImports() {
    // guard against a scan that finds nothing: the engines do import their libraries
    assertTrue(!violations("djl", "slash/djl", List.of("ai.djl.ndarray")).isEmpty());
  }
}
