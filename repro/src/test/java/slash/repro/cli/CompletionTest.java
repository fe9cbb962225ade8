package slash.repro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import slash.repro.Cli;

/** {@code ./slash completion}: picocli's completion script for every command and option. */
class CompletionTest {
  @Test
  void printsABashCompletionScriptOfEveryCommand() {
    StringWriter out = new StringWriter();
    int code = Cli.run(new String[] {"completion"}, new PrintWriter(out, true),
        new PrintWriter(out, true));
    assertEquals(0, code, out.toString());
    String script = out.toString();
    assertTrue(script.contains("complete -F _complete_slash"), script);
    for (String word : new String[] {"repro", "train", "predict", "--executor", "--budget",
        "--ship-data"}) {
      assertTrue(script.contains(word), word + " is completed");
    }
  }
}
