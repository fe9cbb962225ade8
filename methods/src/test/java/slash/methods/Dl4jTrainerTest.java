package slash.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.SentenceExample;
import slash.core.data.Task;
import slash.core.data.TaskData;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderSources;
import slash.core.model.EncoderWeights;
import slash.core.projection.Distribution;
import slash.core.smoke.SmokeData;
import slash.core.text.BatchTokenizer;
import slash.core.train.Checkpoint;
import slash.core.train.Evaluator;
import slash.core.train.RunFolder;
import slash.core.train.RunResult;
import slash.djl.DjlSession;
import slash.methods.jrwarp.JrWarpConfig;
import slash.methods.slash.SlashConfig;

class Dl4jTrainerTest {
  @TempDir Path dir;

  private RunConfig smokeRun(Task task, MethodConfig method) {
    Path data = dir.resolve("data");
    SmokeData.write(data, 11, 400, 100);
    return RunConfig.defaults(task, Scale.SMOKE, method).withDataDir(data)
        .withTraining(3e-2, 6, 16).withEngine(EngineName.DL4J);
  }

  @Test
  void slashLearnsTheSmokeTaskAndItsCheckpointScoresTheSameOnDjl() {
    RunConfig config = smokeRun(Task.SST2, SlashConfig.of(64));
    RunResult result = Models.train(config, dir.resolve("run"));
    List<?> dev = TaskData.load(config).dev();
    long positive = dev.stream().filter(e -> ((SentenceExample) e).classIndex() == 1).count();
    double majority = 100.0 * Math.max(positive, dev.size() - positive) / dev.size();
    assertTrue(result.primary() >= majority + 15, "smoke SST-2 accuracy " + result.primary()
        + " vs majority class " + majority);
    assertEquals(64 + 2 * 33, result.trainableParameters());

    // the DL4J checkpoint, read by the DJL engine, gives the same dev metrics
    Checkpoint checkpoint = Checkpoint.read(dir.resolve("run").resolve(RunFolder.BEST));
    RunConfig onDjl = checkpoint.config().withEngine(EngineName.DJL);
    EncoderWeights weights = EncoderSources.smoke(Models.CACHE);
    try (BatchTokenizer text = BatchTokenizer.load(weights.tokenizer(), config.maxLength());
        DjlSession session = Sessions.djl(onDjl, weights)) {
      session.loadModel(checkpoint.tensors());
      Map<String, Double> metrics = Evaluator.score(onDjl, session, text, dev);
      assertEquals(result.bestMetrics().get("acc"), metrics.get("acc"), 1.0,
          "same z and head, other engine: at most one example may flip on fp32 noise");
    }
  }

  @Test
  void jrWarpTrainsOnTheRegressionTask() {
    RunConfig config = smokeRun(Task.STSB, JrWarpConfig.of(32).withDistribution(Distribution.UNIFORM))
        .withTraining(1e-2, 2, 16);
    RunResult result = Models.train(config, dir.resolve("stsb"));
    assertEquals(2, result.epochs().size());
    assertTrue(result.epochs().get(1).trainLoss() < result.epochs().get(0).trainLoss(),
        "training loss must fall: " + result.epochs());
  }
}
