package slash.repro.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --executor}: the local one by default, others by name, one clear line otherwise. */
class RunExecutorsTest {
  @Test
  void localIsBuiltInAndTakesNoClusterSettings() {
    assertInstanceOf(LocalRunExecutor.class,
        RunExecutors.open("local", ExecutorSettings.defaults()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunExecutors.open("local", new ExecutorSettings("local[2]", Map.of(), false,
            false)));
    assertTrue(e.getMessage().contains("--executor spark"), e.getMessage());
  }

  @Test
  void sparkWithoutItsModuleSaysWhereItIs() {
    // the repro module's class path has no slash-spark: the message says how to get it
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunExecutors.open("spark", ExecutorSettings.defaults()));
    assertEquals("--executor spark is not on this class path (here: local); the Spark executor "
        + "is the slash-spark module: ./slash runs it when the command says --executor spark, "
        + "spark-submit with the jars its build lists (README, \"Running on a cluster\")", e.getMessage());
  }
}
