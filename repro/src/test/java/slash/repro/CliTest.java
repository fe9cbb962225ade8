package slash.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import slash.core.smoke.SmokeData;
import slash.methods.MethodEntry;
import slash.methods.MethodRegistry;
import slash.repro.cli.Commands;

/** The command line as a user meets it: help, version, typos, and errors without traces. */
class CliTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void everyCommandHasHelpAndVersion() {
    for (String command : List.of("repro", "train", "step-time", "eval", "predict", "privacy",
        "fetch-data", "smoke", "bench", "notebook")) {
      Outcome help = run(command, "--help");
      assertEquals(0, help.code(), command + ": " + help.err());
      assertTrue(help.out().startsWith("Usage: slash " + command), help.out());
      assertEquals(0, run(command, "--version").code(), command);
    }
    Outcome top = run("--help");
    assertEquals(0, top.code());
    assertTrue(top.out().contains("train") && top.out().contains("repro"), top.out());
    assertTrue(run("--version").out().contains("DJL"));
  }

  @Test
  void trainHelpListsEveryMethodsOptionsWithDefaults() {
    String help = run("train", "--help").out();
    for (String option : List.of("--d=", "--rank=", "--alpha=", "--targets=", "--bottleneck=",
        "--prompts=", "--position=", "--storage=", "--projection-seed=")) {
      assertTrue(help.contains(option), option + " in\n" + help);
    }
    assertTrue(help.contains("[lora] rank r of B A (default: 8)"), help);
  }

  @Test
  void methodsHelpAndCompletionComeFromTheRegistry() {
    List<String> ids = MethodRegistry.all().stream().map(MethodEntry::id).toList();
    for (String command : List.of("train", "step-time")) {
      OptionSpec method = option(command, "--method");
      List<String> candidates = new ArrayList<>();
      method.completionCandidates().forEach(candidates::add);
      assertEquals(ids, candidates);
      assertTrue(method.renderedDescription()[0].startsWith(String.join(", ", ids)
          + " (default: slash)"), method.renderedDescription()[0]);
    }
  }

  @Test
  void dataModelAndEngineAreOneDeclarationWithOneDataFolderOrder() {
    for (String name : List.of("--data", "--model", "--engine")) {
      OptionSpec train = option("train", name);
      for (String command : List.of("step-time", "repro")) {
        OptionSpec other = option(command, name);
        assertEquals(List.of(train.description()), List.of(other.description()), command + name);
        assertEquals(train.defaultValue(), other.defaultValue(), command + name);
      }
    }
    assertTrue(option("repro", "--data").description()[0].contains("$SLASH_DATA, else "
        + "data/glue in the checkout, else the fetch-data cache"));
  }

  private static OptionSpec option(String command, String name) {
    CommandLine line = Commands.line(false, new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    return line.getSubcommands().get(command).getCommandSpec().findOption(name);
  }

  @Test
  void aTypoIsRefusedWithASuggestion() {
    Outcome typo = run("train", "--task", "sst2", "--method", "lora", "--rnak", "4");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("did you mean --rank?"), typo.err());
    assertTrue(run("trian").err().contains("Did you mean: slash train"));
  }

  @Test
  void anotherMethodsOptionIsRefusedNamingTheMethodsOwn() {
    Outcome wrong = run("train", "--task", "sst2", "--method", "slash", "--rank", "4");
    assertEquals(2, wrong.code());
    assertTrue(wrong.err().contains("--rank does not apply to --method slash; its options: --d"),
        wrong.err());
  }

  @Test
  void impossibleConfigsAndBadDataAreOneErrorLineWithExitCodeTwo() throws IOException {
    Outcome rank = run("train", "--task", "sst2", "--method", "lora", "--rank", "999",
        "--data", dir.resolve("smoke").toString());
    assertEquals(2, rank.code());
    assertEquals("error: config field 'method.rank' rank 999 exceeds hidden size 32",
        rank.err().strip());

    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 40, 20);
    Path train = data.resolve("SST-2").resolve("train.tsv");
    List<String> lines = new ArrayList<>(Files.readAllLines(train));
    lines.set(5, "no tab here");
    Files.write(train, lines);
    Outcome bad = runOnFiles(data);
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().startsWith("error: ") && bad.err().contains("train.tsv:6"), bad.err());
    assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());

    Outcome unknown = run("train", "--task", "sst2", "--method", "prefix-tuning");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown method 'prefix-tuning'"), unknown.err());
  }

  @Test
  void privacyPrintsEpsilonOrSigmaFromBothAccountants() {
    Outcome eps = run("privacy", "--q", "0.030409", "--steps", "640", "--sigma", "0.925");
    assertEquals(0, eps.code(), eps.err());
    // the oracle's PRV eps_up at eps_error 0.1 (6.692) and RDP (7.250; 7.2497 here)
    assertTrue(eps.out().contains("prv epsilon 6.69"), eps.out());
    assertTrue(eps.out().contains("rdp epsilon 7.2"), eps.out());
    Outcome sigma = run("privacy", "--q", "0.030409", "--steps", "640", "--epsilon", "6.7");
    assertEquals(0, sigma.code(), sigma.err());
    assertTrue(sigma.out().contains("prv sigma 0.92"), sigma.out());
    assertTrue(sigma.out().contains("rdp sigma"), sigma.out());
    assertEquals(2, run("privacy", "--q", "0.03", "--steps", "640").code());
  }

  @Test
  void privateTrainingReportsItsBudgetOrRefusesOneItCannotReach() {
    Path data = dir.resolve("smoke");
    Outcome refused = run("train", "--task", "sst2", "--data", data.toString(), "--private",
        "--epsilon", "0.05", "--batch", "64", "--epochs", "1");
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().strip().startsWith("error: privacy field 'epsilon' = 0.05 cannot be "
        + "reached"), refused.err());
    assertTrue(refused.err().contains("smallest epsilon possible is"), refused.err());
    assertEquals(1, refused.err().strip().lines().count(), refused.err());
    Outcome ran = run("train", "--task", "sst2", "--data", data.toString(), "--method", "slash",
        "--d", "16", "--private", "--epsilon", "6.7", "--delta", "1e-6", "--clip", "1.0",
        "--batch", "100", "--physical-batch", "50", "--epochs", "1", "--lr", "1e-2",
        "--out", dir.resolve("private-run").toString());
    assertEquals(0, ran.code(), ran.err());
    String result = slash.core.train.RunResult.read(dir.resolve("private-run/result.json"))
        .privacy().line();
    assertTrue(result.startsWith("epsilon 6.") && result.contains("steps 4 of 4"), result);
  }

  /** A mini-scale run reads the given files as they are (smoke would regenerate them). */
  private static Outcome runOnFiles(Path data) {
    return run("train", "--task", "sst2", "--scale", "mini", "--data", data.toString(),
        "--epochs", "1", "--out", data.resolveSibling("run").toString());
  }
}
