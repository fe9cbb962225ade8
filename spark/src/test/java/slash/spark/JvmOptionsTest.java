package slash.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The JVM options that ./slash and the tests give a driver JVM (spark/pom.xml's
 * spark.jvm.options, passed here as slash.spark.jvmOptions) are the ones Spark's own launcher
 * gives every JVM it starts: a Spark upgrade that changes them fails here, not in a user's run.
 */
class JvmOptionsTest {
  @Test
  void theDriverGetsWhatSparkSubmitWouldGiveIt() {
    List<String> ours = Arrays.asList(System.getProperty("slash.spark.jvmOptions").split(" "));
    List<String> spark = Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" "));
    assertEquals(spark, ours);
  }
}
