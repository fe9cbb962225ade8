package slash.repro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.Options;
import picocli.CommandLine;
import slash.core.io.PortablePaths;

/** What {@code slash bench} hands JMH and keeps of its JSON: no machine paths. */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void theDefaultCacheIsNotAppendedSoTheBenchmarksOwnForkArgumentsApply() {
    String before = System.clearProperty("slash.cache");
    try {
      BenchCommand bench = new BenchCommand();
      new CommandLine(bench).parseArgs("--quick");
      Options options = bench.options(dir.resolve("jmh.json")).build();
      assertFalse(options.getJvmArgsAppend().hasValue(),
          "appending replaces every @Fork(jvmArgsAppend): " + options.getJvmArgsAppend());
    } finally {
      if (before != null) {
        System.setProperty("slash.cache", before);
      }
    }
  }

  @Test
  void jmhJsonKeepsNoHomeOrCheckoutPath() throws Exception {
    Path json = dir.resolve("jmh.json");
    Files.writeString(json, "[{\"jvm\": \"/usr/lib/jvm/java-17/bin/java\", \"jvmArgs\": "
        + "[\"-Dslash.home=/home/ann/slash-repro\", \"-Dslash.cache=/home/ann/.cache/slash-repro\"]}]");
    BenchCommand.scrub(json, new PortablePaths(Path.of("/home/ann/slash-repro"),
        Path.of("/home/ann")));
    String scrubbed = Files.readString(json);
    assertEquals("[{\"jvm\": \"/usr/lib/jvm/java-17/bin/java\", \"jvmArgs\": "
        + "[\"-Dslash.home=.\", \"-Dslash.cache=~/.cache/slash-repro\"]}]", scrubbed);
    assertTrue(!scrubbed.contains("/home/"), scrubbed);
  }
}
