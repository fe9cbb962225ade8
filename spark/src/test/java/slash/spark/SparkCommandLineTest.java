package slash.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import slash.repro.Cli;

/**
 * {@code slash repro --executor spark --master local[1]} as a user types it: the CLI finds the
 * Spark executor on its class path, starts Spark, trains the selected runs as Spark tasks and
 * writes the table; a render-only call starts no Spark at all.
 */
class SparkCommandLineTest {
  @Test
  void reproWithTheSparkExecutorTrainsAndRenders() throws java.io.IOException {
    Path results = Path.of("target", "cli-results");
    // the CLI's run folders (target/repro-runs): runs trained by an earlier test run count done
    Path runs = Path.of("target", "repro-runs", "smoke");
    if (Files.exists(runs)) {
      ShippedData.deleteTree(runs);
    }
    String printed = run("repro", "--scale", "smoke", "--tables", "3", "--tasks", "rte",
        "--executor", "spark", "--master", "local[1]", "--results", results.toString());
    assertTrue(printed.contains("Spark 4.2.0 on local[1]"), printed);
    assertTrue(printed.contains("[8/8] rte-"), "RTE's 8 runs, one Spark task each:\n" + printed);
    assertTrue(Files.isRegularFile(results.resolve("smoke").resolve("table3.json")));
  }

  @Test
  void renderOnlyStartsNoSpark() {
    String printed = run("repro", "--scale", "smoke", "--tables", "3", "--render-only",
        "--executor", "spark", "--master", "local[1]", "--results",
        Path.of("target", "cli-results-render").toString());
    assertTrue(printed.contains("executor: spark local[1]"), printed);
    assertFalse(printed.contains("Spark 4."), "no SparkContext started:\n" + printed);
  }

  /** Runs the CLI; what it printed (the commands print progress on System.out). */
  private static String run(String... args) {
    StringWriter errors = new StringWriter();
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Cli.run(args, new PrintWriter(errors, true), new PrintWriter(errors, true));
    } finally {
      System.setOut(stdout);
    }
    String all = printed.toString(StandardCharsets.UTF_8) + errors;
    assertEquals(0, code, all);
    return all;
  }
}
