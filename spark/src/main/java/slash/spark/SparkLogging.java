package slash.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark logs through log4j2 at INFO, a screenful per job. Unless {@code --verbose}: Spark at WARN
 * ({@code ./slash} also starts the JVM with {@code log4j2-quiet.properties}, which keeps Spark's
 * start-up lines out too), and the engines' own loggers (DJL's GPU probe on a CPU machine, ND4J)
 * at ERROR, as the local CLI keeps them.
 */
final class SparkLogging {
  private SparkLogging() {}

  /** After the context started: Spark initializes log4j2 as it starts. */
  static void configure(JavaSparkContext context, boolean verbose) {
    if (verbose) {
      return;
    }
    context.setLogLevel("WARN");
    Configurator.setLevel("ai.djl", Level.ERROR);
    Configurator.setLevel("org.nd4j", Level.ERROR);
    Configurator.setLevel("org.deeplearning4j", Level.ERROR);
  }
}
