package slash.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code slash privacy} answers or refuses quickly whatever it is given (issue 24: epsilon 1000
 * did not answer within a minute), and says why where only the RDP accountant can answer.
 */
class PrivacyCommandTest {
  /** Generous for a loaded 2-core machine: each case takes a few seconds at most. */
  private static final Duration BOUND = Duration.ofSeconds(10);

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String args) {
    List<String> all = new ArrayList<>(List.of("privacy"));
    all.addAll(List.of(args.split(" ")));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(all.toArray(String[]::new), new PrintWriter(out, true),
        new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "--q 0.01 --steps 100 --epsilon 1000", // the report: killed after 60 s
      "--q 0.01 --steps 100 --epsilon 1e6",
      "--q 0.01 --steps 100 --epsilon 1e-3",
      "--q 1e-6 --steps 100 --epsilon 6.7",
      "--q 1 --steps 100 --epsilon 6.7",
      "--q 0.01 --steps 1 --epsilon 6.7",
      "--q 0.01 --steps 1000000 --sigma 1",
      "--q 0.01 --steps 100 --sigma 1e-3",
      "--q 0.01 --steps 100 --sigma 0.05",
      "--q 0.01 --steps 100 --sigma 1e6",
      "--q 0.05 --steps 50000 --sigma 1.5 --eps-error 0.01",
      "--q 0.01 --steps 100 --epsilon 6.7 --delta 1e-18",
      "--q 0.01 --steps 100 --sigma 1 --delta 0.5"})
  void extremeInputsAnswerOrRefuseWithinSeconds(String args) {
    Outcome o = assertTimeoutPreemptively(BOUND, () -> run(args), args);
    if (o.code() == 0) {
      assertTrue(o.out().contains("rdp "), args + ":\n" + o.out());
      assertTrue(o.out().contains("prv "), args + ":\n" + o.out());
      assertFalse(o.out().contains("NaN") || o.out().contains("Infinity"), args + ":\n"
          + o.out());
    } else {
      assertEquals(2, o.code(), args + ": " + o.err());
      assertEquals(1, o.err().strip().lines().count(), args + ": " + o.err());
      assertTrue(o.err().startsWith("error: "), args + ": " + o.err());
    }
  }

  @Test
  void whereThePrvCannotAnswerTheRdpValueStillComesWithOneLineWhy() {
    Outcome eps = run("--q 0.01 --steps 100 --sigma 1 --delta 1.1e-18");
    assertEquals(0, eps.code(), eps.err());
    List<String> lines = eps.out().lines().toList();
    assertEquals(3, lines.size(), eps.out());
    assertEquals("sigma 1, q 0.01, T 100, delta 1.1e-18", lines.get(0));
    assertTrue(lines.get(1).startsWith("prv epsilon: none, the PRV accountant cannot answer: "
        + "delta = 1.1e-18 is too small"), lines.get(1));
    assertTrue(lines.get(2).startsWith("rdp epsilon 4.9"), lines.get(2));
    Outcome sigma = run("--q 0.01 --steps 100 --epsilon 6.7 --delta 1e-18");
    assertEquals(0, sigma.code(), sigma.err());
    assertTrue(sigma.out().contains("\nprv sigma: none, the PRV accountant cannot answer: delta"),
        sigma.out());
    assertTrue(sigma.out().contains("\nrdp sigma 0.8"), sigma.out());
  }

  @Test
  void aMeshOverItsLimitWidensEpsErrorAndSaysSo() {
    Outcome o = run("--q 0.01 --steps 100 --sigma 0.05");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("widened from 0.1 to keep the mesh within 1048576 nodes"),
        o.out());
  }

  @Test
  void messagesRoundTheirNumbers() {
    Outcome o = run("--q 0.01 --steps 100 --epsilon 1e-3");
    assertEquals(2, o.code(), o.err());
    assertEquals("error: privacy field 'targetEpsilon' = 0.001 cannot be reached with delta "
        + "1e-6, sample rate 0.01 and 100 steps: the prv accountant gives epsilon 0.1 even at "
        + "noise multiplier 1.31e6", o.err().strip());
    Outcome huge = run("--q 0.01 --steps 100 --sigma 1e-3");
    assertEquals(0, huge.code(), huge.err());
    assertTrue(huge.out().contains("\nrdp epsilon 5.5e7"), huge.out());
  }
}
