package slash.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code slash notebook}: help, a bad action, execute's options elsewhere, and no Jupyter (the
 * Debian packages, exit 2). Executing notebooks is NotebooksTest's (jupyter-java), with the same
 * runner.
 */
class NotebookCommandTest {
  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  @AfterEach
  void restore() {
    System.clearProperty("slash.jupyter.command");
  }

  @Test
  void helpNamesInstall() {
    Outcome help = run("notebook", "--help");
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().startsWith("Usage: slash notebook"), help.out());
    assertTrue(help.out().contains("install.sh"), help.out());
    assertTrue(help.out().contains("'notebook execute [NOTEBOOK...]'"), help.out());
    assertTrue(help.out().contains("--out=DIR"), help.out());
  }

  @Test
  void withoutJupyterItNamesTheDebianPackagesAndExits2() {
    System.setProperty("slash.jupyter.command", "/nonexistent/jupyter");
    for (String[] args : new String[][] {{"notebook"}, {"notebook", "install"},
        {"notebook", "execute"}, {"notebook", "execute", "--out", "target/executed"}}) {
      Outcome o = run(args);
      assertEquals(2, o.code(), o.err());
      assertTrue(o.err().startsWith("error: Jupyter is not installed"), o.err());
      assertTrue(o.err().contains("apt-get install jupyter-notebook jupyter-nbconvert"
          + " python3-nbclient jupyter-client python3-ipykernel"), o.err());
    }
  }

  @Test
  void anUnknownActionIsRefused() {
    Outcome o = run("notebook", "instal");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("unknown action 'instal'"), o.err());
  }

  @Test
  void executesOptionsAreRefusedWithoutExecute() {
    for (String[] args : new String[][] {{"notebook", "--out", "target/x"},
        {"notebook", "install", "--no-build"}}) {
      Outcome o = run(args);
      assertEquals(2, o.code(), o.err());
      assertTrue(o.err().contains("are for 'notebook execute'"), o.err());
    }
  }
}
