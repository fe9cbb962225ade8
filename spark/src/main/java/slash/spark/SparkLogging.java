package slash.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Spark logs through log4j2 at INFO, a screenful per job: here WARN unless {@code --verbose}.
 * The engines' own loggers (DJL, ND4J) are kept at WARN as the local CLI keeps them.
 */
final class SparkLogging {
  private SparkLogging() {}

  static void configure(boolean verbose) {
    if (!verbose) {
      Configurator.setRootLevel(Level.WARN);
    }
    Configurator.setLevel("org.nd4j", Level.WARN);
    Configurator.setLevel("org.deeplearning4j", Level.WARN);
    Configurator.setLevel("ai.djl", Level.WARN);
  }
}
