package slash.jupyter.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import slash.jupyter.kernel.CellEvaluator.Evaluation;

/** The JShell layer without Jupyter: values, declarations, errors with cell lines, interrupts. */
class CellEvaluatorTest {
  private static CellEvaluator shell;
  private static ScheduledExecutorService timer;

  @BeforeAll
  static void start() {
    shell = new CellEvaluator(500);
    timer = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  static void stop() {
    shell.close();
    timer.shutdownNow();
  }

  private static Object value(String cell, String code) throws CellException {
    Evaluation e = shell.eval(cell, code);
    assertTrue(e.hasValue(), () -> cell + " has no value");
    return e.value();
  }

  @Test
  void anExpressionIsTheCellsValue() throws Exception {
    assertEquals(2, value("In [1]", "1 + 1"));
    assertEquals("int[3] [1, 2, 3]", CellEvaluator.text(value("In [2]", "new int[] {1, 2, 3}")));
    assertFalse(shell.eval("In [3]", "int quiet = 4;").hasValue(), "a declaration shows nothing");
    assertEquals(4, value("In [4]", "quiet"));
  }

  @Test
  void multiLineClassesAndMethodsThenTheirUse() throws Exception {
    assertFalse(shell.eval("In [1]", """
        class Counter {
          private int n;

          int inc() {
            return ++n;
          }
        }

        int square(int x) {
          return x * x;
        }
        """).hasValue());
    assertEquals(2, value("In [2]", """
        var c = new Counter();
        c.inc();
        c.inc()"""));
    assertEquals(14, value("In [3]", "IntStream.range(0, 4).map(x -> square(x)).sum()"));
  }

  @Test
  void redefiningAClassReplacesIt() throws Exception {
    shell.eval("In [1]", "class Greeter { String hi() { return \"hi\"; } }");
    shell.eval("In [2]", "class Greeter { String hi() { return \"hello\"; } }");
    assertEquals("hello", value("In [3]", "new Greeter().hi()"));
  }

  @Test
  void anExceptionNamesTheCellAndLineOfEveryNotebookFrame() throws Exception {
    shell.eval("In [7]", """
        // fails on purpose
        void boom(String why) {
          throw new IllegalStateException(why);
        }""");
    CellException e = assertThrows(CellException.class, () -> shell.eval("In [8]", """
        int x = 1;
        boom("no " + x);
        System.out.println("never");"""));
    assertEquals("java.lang.IllegalStateException", e.ename());
    assertEquals("no 1", e.evalue());
    String text = e.text();
    assertTrue(text.startsWith("java.lang.IllegalStateException: no 1"), text);
    assertTrue(text.contains("at boom, In [7] line 3: throw new IllegalStateException(why);"), text);
    assertTrue(text.contains("at In [8] line 2: boom(\"no \" + x);"), text);
    assertFalse(text.contains("jdk.jshell") || text.contains("reflect"), "machinery frames: " + text);
  }

  @Test
  void causesAreShownToo() {
    CellException e = assertThrows(CellException.class, () -> shell.eval("In [1]",
        "throw new RuntimeException(\"outer\", new java.io.IOException(\"disk full\"));"));
    assertTrue(e.text().contains("Caused by: java.io.IOException: disk full"), e.text());
    assertTrue(e.text().contains("at In [1] line 1:"), e.text());
  }

  @Test
  void aCompileErrorNamesTheLineAndUnderlinesTheCode() {
    CellException e = assertThrows(CellException.class, () -> shell.eval("In [9]", """
        int a = 1;

        int b = a + missing;"""));
    assertEquals("CompilationError", e.ename());
    assertTrue(e.evalue().startsWith("In [9] line 3: cannot find symbol"), e.evalue());
    assertTrue(e.text().contains("    int b = a + missing;\n                ^^^^^^^"), e.text());
  }

  @Test
  void anUnfinishedCellIsAnError() {
    CellException e = assertThrows(CellException.class,
        () -> shell.eval("In [2]", "int ok = 1;\nclass Open {\n  int x;"));
    assertEquals("IncompleteInput", e.ename());
    assertTrue(e.evalue().startsWith("In [2] line 2:"), e.evalue());
  }

  @Test
  void stdoutIsTheProcessStdout() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      shell.eval("In [1]", "for (int i = 0; i < 3; i++) System.out.println(\"line \" + i);");
    } finally {
      System.setOut(original);
    }
    assertEquals("line 0\nline 1\nline 2\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everySnippetRunsOnTheSameThread() throws Exception {
    shell.eval("In [1]", "var first = Thread.currentThread();\nThreadLocal<String> local = new ThreadLocal<>();");
    shell.eval("In [2]", "local.set(\"kept\");");
    assertEquals(true, value("In [3]", "Thread.currentThread() == first && \"kept\".equals(local.get())"));
  }

  @Test
  void anInterruptStopsASleepingCell() throws Exception {
    // Interrupt once the notebook thread sleeps: on a loaded machine 300 ms can pass before the
    // snippet has even compiled, and an interrupt then stops the cell before line 2.
    timer.execute(() -> {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!notebookThreadSleeps() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(10_000_000L);
      }
      shell.interrupt();
    });
    long start = System.nanoTime();
    CellException e = assertThrows(CellException.class,
        () -> shell.eval("In [4]", "int before = 1;\nThread.sleep(60_000);\nint after = 2;"));
    assertEquals("Interrupted", e.ename());
    assertTrue(e.text().contains("In [4] line 2: Thread.sleep(60_000);"), e.text());
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "took too long");
    assertEquals(3, value("In [5]", "1 + 2"), "the next cell runs normally");
  }

  private static boolean notebookThreadSleeps() {
    return Thread.getAllStackTraces().entrySet().stream().anyMatch(t -> t.getKey().getName().equals("notebook")
        && t.getKey().getState() == Thread.State.TIMED_WAITING && t.getValue().length > 0
        && t.getValue()[0].getMethodName().startsWith("sleep"));
  }

  @Test
  void anInterruptStopsABusyLoopAfterTheGracePeriod() throws Exception {
    timer.schedule(shell::interrupt, 300, TimeUnit.MILLISECONDS);
    CellException e = assertThrows(CellException.class,
        () -> shell.eval("In [6]", "long spins = 0;\nwhile (spins >= 0) { spins++; }"));
    assertEquals("Interrupted", e.ename());
    assertEquals(5, value("In [7]", "2 + 3"));
  }

  @Test
  void theProjectsModulesAreOnTheClassPath() throws Exception {
    // The kernel's class path is this JVM's: slash-repro and what it brings (core, djl, ...).
    assertEquals("slash.repro.Cli", value("In [1]", "import slash.repro.Cli;\nCli.class.getName()"));
    assertEquals("com.fasterxml.jackson.databind.ObjectMapper", value("In [2]",
        "new com.fasterxml.jackson.databind.ObjectMapper().getClass().getName()"));
  }

  @Test
  void completionAndInspection() {
    CellEvaluator.Completion c = shell.complete("int n = 1;\nStringBu", 19);
    assertTrue(c.matches().contains("StringBuilder"), c.matches().toString());
    assertEquals(11, c.start());
    CellEvaluator.Completion m = shell.complete("String s = \"x\";\ns.toUpper", 25);
    assertTrue(m.matches().stream().anyMatch(x -> x.startsWith("toUpperCase(")), m.matches().toString());
    assertFalse(shell.documentation("Math.max(1, 2)", 6).isEmpty());
  }

  @Test
  void completeness() {
    assertEquals("complete", shell.isComplete("1 + 1"));
    assertEquals("    ", shell.isComplete("class A {"));
    assertEquals("complete", shell.isComplete("int a = 1;\nclass B {}\n"));
  }
}
