package slash.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import slash.core.text.EncodedBatch;

/**
 * Checks that backward reads only memory the autograd graph owns (see {@link DjlScalars}): a
 * garbage collection and a burst of direct allocations between forward and backward must leave
 * every gradient bit for bit as it was. Before the fix this gave NaN every time.
 */
public final class GradientLifetime {
  private GradientLifetime() {}

  public static void assertGradientsSurviveGarbageCollection(DjlTaskModel model,
      EncodedBatch batch, String label) {
    List<float[]> undisturbed = gradients(model, batch, false);
    List<float[]> disturbed = gradients(model, batch, true);
    assertTrue(undisturbed.stream().anyMatch(g -> g.length > 0 && g[0] != 0f),
        label + ": a real gradient");
    for (int i = 0; i < undisturbed.size(); i++) {
      assertArrayEquals(undisturbed.get(i), disturbed.get(i), 0f, label + ": gradient of "
          + model.trainables().get(i).name() + " after a garbage collection");
    }
  }

  private static List<float[]> gradients(DjlTaskModel model, EncodedBatch batch,
      boolean collectGarbage) {
    List<float[]> gradients = new ArrayList<>();
    try (NDManager step = model.encoder().manager().newSubManager();
        GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray loss = model.loss(model.trainingLogits(batch, step, 0), batch, step);
      if (collectGarbage) {
        freeAndReuseDirectMemory();
      }
      c.backward(loss);
      for (DjlTrainable t : model.trainables()) {
        gradients.add(t.gradient(step).toFloatArray());
        if (t.value().hasGradient()) {
          JniUtils.zeroGrad((PtNDArray) t.value());
        }
      }
    }
    return gradients;
  }

  /** Frees unreachable direct buffers, then fills what malloc hands back with NaN. */
  private static void freeAndReuseDirectMemory() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(50); // the Cleaner frees direct memory on its own thread
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<ByteBuffer> buffers = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      buffers.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder())
          .putFloat(0, Float.NaN));
    }
    assertTrue(buffers.size() == 20_000);
  }
}
