package slash.core.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slash.core.config.RunConfig;
import slash.core.io.FloatTensor;
import slash.core.io.Json;

/**
 * A run's folder and the files in it, each written atomically: {@code last.safetensors} (model
 * and optimizer state) and {@code epochs.json} after every epoch, so a killed run resumes after
 * its last finished epoch; {@code best.safetensors} (model state only: a few KB for SLaSh); and
 * {@code result.json}. A folder that holds another config's run is refused, never overwritten.
 */
public final class RunFolder {
  public static final String RESULT = "result.json";
  public static final String BEST = "best.safetensors";
  public static final String LAST = "last.safetensors";
  private static final String EPOCHS = "epochs.json";

  private final Path dir;

  public RunFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Where a killed run stopped: its last checkpoint and the epochs finished so far. */
  public record ResumePoint(Checkpoint last, List<EpochResult> epochs) {
    public int nextEpoch() {
      return last.epoch() + 1;
    }
  }

  /** The point to resume {@code config} from, if this folder holds an unfinished run of it. */
  public Optional<ResumePoint> resumePoint(RunConfig config) {
    Path last = dir.resolve(LAST);
    Path done = dir.resolve(EPOCHS);
    if (!Files.isRegularFile(last) || !Files.isRegularFile(done)) {
      return Optional.empty();
    }
    Checkpoint checkpoint = Checkpoint.read(last);
    if (!checkpoint.config().equals(config)) {
      throw new IllegalStateException(dir + " holds a run with another config; remove it or "
          + "choose another output folder");
    }
    return Optional.of(new ResumePoint(checkpoint,
        new ArrayList<>(List.of(Json.read(done, EpochResult[].class)))));
  }

  /** After an epoch: the resumable state and the epochs so far. */
  public void saveEpoch(RunConfig config, TrainingSession session, int epoch,
      List<EpochResult> epochs) {
    Map<String, FloatTensor> resumable = new HashMap<>(session.modelState());
    resumable.putAll(session.optimizerState());
    new Checkpoint(config, resumable, epoch).write(dir.resolve(LAST));
    Json.writeAtomically(dir.resolve(EPOCHS), epochs);
  }

  public void saveBest(RunConfig config, TrainingSession session, int epoch) {
    new Checkpoint(config, session.modelState(), epoch).write(dir.resolve(BEST));
  }

  public Checkpoint best() {
    return Checkpoint.read(dir.resolve(BEST));
  }

  public void writeResult(RunResult result) {
    result.write(dir.resolve(RESULT));
  }
}
