package slash.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.train.RunResult;

/** What committed results may say about a path: relative to the checkout, ~/..., never /home/x. */
class PortablePathsTest {
  private final PortablePaths paths =
      new PortablePaths(Path.of("/home/ann/src/slash-repro"), Path.of("/home/ann"));

  @Test
  void pathsBecomeRelativeToTheCheckoutOrHome() {
    assertEquals("data/glue", paths.of(Path.of("/home/ann/src/slash-repro/data/glue")));
    assertEquals(".", paths.of(Path.of("/home/ann/src/slash-repro")));
    assertEquals("~/.cache/slash-repro/data",
        paths.of(Path.of("/home/ann/.cache/slash-repro/data")));
    assertEquals("~", paths.of("/home/ann"));
    assertEquals("../shared/data/glue", paths.of("../shared/data/glue"), "relative: as given");
    assertEquals("../shared/data/glue", paths.of("/home/ann/src/shared/data/glue"),
        "beside the checkout: relative to it");
    assertEquals("/srv/glue", new PortablePaths(Path.of("/repo"), null).of("/srv/glue"),
        "a checkout at the root has no folder beside it to name");
    assertEquals("/data/glue", paths.of("/data/glue"), "elsewhere: as given");
    assertEquals("/home/annex/glue", paths.of("/home/annex/glue"), "a component, not a prefix");
    assertNull(paths.of((String) null));
  }

  @Test
  void scrubReplacesWholeComponentsInText() {
    String jvmArgs = "[\"-Dslash.cache=/home/ann/.cache/slash-repro\", "
        + "\"-Dslash.home=/home/ann/src/slash-repro\", \"/home/annex/x\", \"/opt/jdk\"]";
    assertEquals("[\"-Dslash.cache=~/.cache/slash-repro\", \"-Dslash.home=.\", "
        + "\"/home/annex/x\", \"/opt/jdk\"]", paths.scrub(jvmArgs));
    assertEquals("cannot read ./data/glue/SST-2/train.tsv: gone",
        paths.scrub("cannot read /home/ann/src/slash-repro/data/glue/SST-2/train.tsv: gone"));
    assertNull(paths.scrub(null));
  }

  @Test
  void aRootHomeOrCheckoutScrubsNothing() {
    PortablePaths root = new PortablePaths(Path.of("/"), Path.of("/"));
    assertEquals("/data/glue", root.of("/data/glue"));
    assertEquals("/home/ann/x", root.scrub("/home/ann/x"));
  }

  @Test
  void runResultsKeepNoMachinePath() {
    RunConfig config = RunConfig.defaults(Task.SST2, Scale.FULL, null)
        .withDataDir(Path.of("/home/ann/.cache/slash-repro/data"))
        .withModel("/home/ann/models/roberta-base");
    RunResult result = new RunResult(config, List.of(), 0, Map.of(), 1, 0, 0, 0, "cpu",
        EngineName.DJL.name(), "cannot read /home/ann/models/roberta-base/config.json", null,
        Map.of());
    RunResult portable = result.portable(paths);
    assertEquals("~/.cache/slash-repro/data", portable.config().dataDir());
    assertEquals("~/models/roberta-base", portable.config().model());
    assertEquals("cannot read ~/models/roberta-base/config.json", portable.error());
  }
}
