package slash.dl4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slash.core.data.TaskKind;
import slash.core.model.HeadInit;
import slash.core.text.EncodedBatch;

/**
 * The task head and its loss in the graph, the twin of the DJL engine's DjlHead: a linear layer
 * on the [CLS]/[MASK] state (picked by a one-hot selection matmul, which differentiates cleanly
 * where SameDiff's gather backward does not) or on every position for NER.
 */
final class SdHead {
  static final String LOGITS = "logits";
  static final String LOSS = "loss";
  /** The [CLS]/[MASK] state of every row, [B, H] (sequence tasks). */
  static final String REPRESENTATION = "head.representation";
  private static final String SELECT = "head.select";
  private static final String TARGET = "head.target";
  private static final String SCALE = "head.scale";

  private final TaskKind kind;
  private final int outputs;

  SdHead(TaskKind kind, int outputs) {
    this.kind = kind;
    this.outputs = outputs;
  }

  List<String> trainableNames() {
    return List.of(HeadInit.WEIGHT, HeadInit.BIAS);
  }

  /** Adds logits and loss on top of final hidden states [B, T, H]. */
  void build(SameDiff sd, SDVariable hidden, int size, long seed) {
    SDVariable weight = sd.var(HeadInit.WEIGHT, Nd4j.create(HeadInit.weights(outputs, size, seed),
        new long[] {outputs, size}, 'c'));
    SDVariable bias = sd.var(HeadInit.BIAS, Nd4j.zeros(DataType.FLOAT, outputs));
    SDVariable rows = hidden.reshape(-1, size);
    if (kind != TaskKind.TOKEN_CLASSIFICATION) {
      rows = sd.identity(REPRESENTATION,
          sd.mmul(sd.placeHolder(SELECT, DataType.FLOAT, -1, -1), rows));
    }
    SDVariable logits = sd.mmul(rows, weight, false, true, false).add(LOGITS, bias);
    SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, -1, -1);
    SDVariable scale = sd.placeHolder(SCALE, DataType.FLOAT);
    SDVariable loss = kind == TaskKind.REGRESSION
        ? logits.sub(target).mul(logits.sub(target)).sum().mul(scale)
        : logSoftmax(sd, logits).mul(target).sum().neg().mul(scale);
    sd.identity(LOSS, loss);
    sd.setLossVariables(LOSS);
  }

  /** Written out: sd.nn.logSoftmax fails to differentiate in M2.1. Stable: shifted by the max. */
  private static SDVariable logSoftmax(SameDiff sd, SDVariable logits) {
    SDVariable shifted = logits.sub(logits.max(true, 1));
    return shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
  }

  /** Row selection for the forward pass; labels too when {@code withLabels}. */
  Map<String, INDArray> feeds(EncodedBatch batch, int finalLength, boolean withLabels) {
    Map<String, INDArray> feeds = new HashMap<>();
    if (kind != TaskKind.TOKEN_CLASSIFICATION) {
      INDArray select = Nd4j.zeros(DataType.FLOAT, batch.size(),
          (long) batch.size() * finalLength);
      for (int i = 0; i < batch.size(); i++) {
        select.putScalar(i, (long) i * finalLength + batch.representationIndex()[i], 1f);
      }
      feeds.put(SELECT, select);
    }
    if (withLabels) {
      feeds.putAll(targets(batch));
    }
    return feeds;
  }

  private Map<String, INDArray> targets(EncodedBatch batch) {
    int rows = kind == TaskKind.TOKEN_CLASSIFICATION ? batch.size() * batch.length()
        : batch.size();
    int columns = kind == TaskKind.REGRESSION ? 1 : outputs;
    float[] target = new float[rows * columns];
    int counted = 0;
    for (int r = 0; r < rows; r++) {
      if (kind == TaskKind.REGRESSION) {
        target[r] = batch.labels()[r];
        counted++;
        continue;
      }
      long label = kind == TaskKind.TOKEN_CLASSIFICATION ? batch.tokenLabels()[r]
          : (long) batch.labels()[r];
      if (label != EncodedBatch.IGNORE) {
        target[r * columns + (int) label] = 1f;
        counted++;
      }
    }
    return Map.of(TARGET, Nd4j.create(target, new long[] {rows, columns}, 'c'),
        SCALE, Nd4j.scalar(1f / Math.max(1, counted)));
  }
}
