package slash.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one progress bar: its line for steps and for bytes, and the two text views. */
class ProgressBarTest {
  private final StringWriter out = new StringWriter();

  private List<String> printed() {
    return out.toString().lines().toList();
  }

  @Test
  void aStepBarReadsLabelBarCountsRateEtaStatus() {
    ProgressBar bar = new ProgressBar("epoch 1/3", 40, ProgressView.none());
    for (int i = 0; i < 12; i++) {
      bar.step("loss 0.41");
    }
    String line = bar.line();
    assertTrue(line.matches("epoch 1/3 \\[#{7}\\.{17}] 12/40 [0-9.]+ it/s ETA \\d+:\\d\\d "
        + "loss 0.41"), line);
  }

  @Test
  void aByteBarCountsInSiUnitsAndRatesOnlyWhatItFetched() {
    ProgressBar bar = new ProgressBar("RTE.zip", 500_000, 2_000_000, ProgressBar.Unit.BYTES,
        ProgressView.none());
    bar.set(1_000_000, "");
    assertTrue(bar.line().matches("RTE.zip \\[#{12}\\.{12}] 1.00 MB/2.00 MB [0-9.]+ [kMG]?B/s "
        + "ETA \\d+:\\d\\d"), bar.line());
    ProgressBar unknown = new ProgressBar("big.zip", 0, -1, ProgressBar.Unit.BYTES,
        ProgressView.none());
    unknown.set(1234, "stalled");
    assertTrue(unknown.line().matches("big.zip 1.23 kB [0-9.]+ [kMG]?B/s stalled"),
        unknown.line());
    assertEquals("999 B", ProgressBar.Unit.BYTES.amount(999));
    assertEquals("12.3 GB", ProgressBar.Unit.BYTES.amount(12_345_678_901L));
  }

  @Test
  void aLogGetsALineAtEveryTenthAndTheLastStateOnClose() {
    ProgressBar bar = new ProgressBar("log", 100, ProgressView.lines(new PrintWriter(out)));
    for (int i = 0; i < 95; i++) {
      bar.step("s");
    }
    assertEquals(10, printed().size(), printed()::toString); // steps 1, 10, 20, ..., 90
    bar.close();
    assertEquals(11, printed().size());
    assertTrue(printed().get(10).contains("95/100"), printed()::toString);
  }

  @Test
  void aTerminalLineIsRedrawnInPlaceAndEndedOnce() {
    ProgressBar bar = new ProgressBar("tty", 3, ProgressView.redrawn(new PrintWriter(out)));
    bar.step("a");
    bar.step("b"); // within 200 ms of the first: held back
    assertEquals(1, out.toString().split("\r", -1).length - 1);
    bar.step("c"); // the last step always draws, and ends the line
    bar.close();
    String text = out.toString();
    assertEquals(2, text.split("\r", -1).length - 1, text);
    assertTrue(text.substring(text.lastIndexOf('\r')).startsWith("\rtty [" + "#".repeat(24)
        + "] 3/3 "), text);
    assertTrue(text.endsWith(" c" + System.lineSeparator()), text);
  }

  @Test
  void theClockReadsMinutesThenHoursAndStopsAt99Hours() {
    assertEquals("0:09", ProgressBar.clock(9.4));
    assertEquals("1:02:03", ProgressBar.clock(3723));
    assertEquals("99:59:59", ProgressBar.clock(1e12));
  }
}
