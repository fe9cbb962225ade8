package slash.dl4j;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseNDArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SameDiff's session memory manager, replacing M2.1's ArrayCacheMemoryMgr: op outputs that the
 * session releases are kept by (type, shape, order) and handed out again to the next op that
 * asks for that shape, so a training step's forward and backward reuse the previous step's
 * native buffers instead of allocating (and page-faulting) fresh ones. One pool per thread,
 * shared by every graph on it (a model's forward graph and its gradient graph); at most {@link
 * #capacity()} bytes sit idle in it, the least recently released freed first.
 */
final class SdArrayPool extends AbstractMemoryMgr {
  private static final ThreadLocal<SdArrayPool> POOLS = ThreadLocal.withInitial(SdArrayPool::new);

  private final Map<String, ArrayDeque<INDArray>> free = new HashMap<>();
  /** Idle arrays, least recently released first. */
  private final LinkedHashMap<Long, INDArray> idle = new LinkedHashMap<>();
  private final long capacity = capacityBytes();
  private long idleBytes;
  private final Map<String, Integer> missesByKey = new HashMap<>();
  private final Map<String, Integer> rejected = new HashMap<>();
  long hits;
  long misses;
  long missBytes;

  static SdArrayPool current() {
    return POOLS.get();
  }

  /** Makes every SameDiff session created from now on use the pool of its thread. */
  static void install() {
    SameDiff.bindInferenceFactory(sd -> {
      InferenceSession session = new InferenceSession(sd);
      session.setMmgr(current());
      return session;
    });
  }

  long capacity() {
    return capacity;
  }

  /**
   * {@code slash.dl4j.poolBytes} if set, else half of JavaCPP's native-memory cap
   * ({@code org.bytedeco.javacpp.maxphysicalbytes}), else 2 GiB.
   */
  private static long capacityBytes() {
    String set = System.getProperty("slash.dl4j.poolBytes");
    if (set != null) {
      return Pointer.parseBytes(set, 0);
    }
    long max = Pointer.maxPhysicalBytes();
    return max > 0 ? max / 2 : 2L << 30;
  }

  private static String key(DataType type, long[] shape, char order) {
    return type + Arrays.toString(shape) + order;
  }

  @Override
  public INDArray allocate(boolean detached, DataType dataType, long... shape) {
    return take(dataType, shape, 'c');
  }

  @Override
  public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
    if (descriptor.isEmpty()) {
      INDArray empty = Nd4j.create(descriptor);
      return detached ? empty.detach() : empty;
    }
    return take(descriptor.dataType(), descriptor.getShape(), descriptor.getOrder());
  }

  private INDArray take(DataType type, long[] shape, char order) {
    ArrayDeque<INDArray> list = free.get(key(type, shape, order));
    while (list != null && !list.isEmpty()) {
      INDArray array = list.pollLast();
      idle.remove(array.getId());
      idleBytes -= bytes(array);
      if (!array.wasClosed()) {
        hits++;
        // a new id: the session tracks arrays by id
        ((BaseNDArray) array).assignNewId();
        return array;
      }
    }
    misses++;
    if (SdOpProfile.ENABLED) {
      missesByKey.merge(key(type, shape, order), 1, Integer::sum);
    }
    INDArray array = Nd4j.createUninitializedDetached(type, order, shape);
    missBytes += bytes(array);
    return array;
  }

  @Override
  public void release(INDArray array) {
    if (array.wasClosed() || array.data() == null || array.isView() || array.isEmpty()
        || array.dataType() == DataType.UTF8
        || Nd4j.getExecutioner().useCount(array.data()) > 1) {
      if (SdOpProfile.ENABLED && !array.wasClosed()) {
        rejected.merge((array.isView() ? "view " : "") + Arrays.toString(array.shape()), 1,
            Integer::sum);
      }
      return; // shared or odd: leave it to the garbage collector
    }
    long size = bytes(array);
    if (size > capacity) {
      array.close();
      return;
    }
    if (idle.containsKey(array.getId())) {
      return;
    }
    Iterator<INDArray> oldest = idle.values().iterator();
    while (idleBytes + size > capacity && oldest.hasNext()) {
      INDArray evicted = oldest.next();
      oldest.remove();
      free.get(key(evicted.dataType(), evicted.shape(), evicted.ordering())).remove(evicted);
      idleBytes -= bytes(evicted);
      if (evicted.closeable()) {
        evicted.close();
      }
    }
    free.computeIfAbsent(key(array.dataType(), array.shape(), array.ordering()),
        k -> new ArrayDeque<>()).addLast(array);
    idle.put(array.getId(), array);
    idleBytes += size;
  }

  private static long bytes(INDArray array) {
    return array.data().length() * array.dataType().width();
  }

  String stats() {
    return String.format(java.util.Locale.ROOT,
        "pool: %d hits, %d misses (%d MB allocated), %d MB idle of %d MB", hits, misses,
        missBytes >> 20, idleBytes >> 20, capacity >> 20)
        + "\n  misses by shape: " + top(missesByKey) + "\n  not pooled: " + top(rejected);
  }

  private static String top(Map<String, Integer> counts) {
    return counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
        .map(e -> e.getValue() + " x " + e.getKey()).toList().toString();
  }

  @Override
  public void close() {}
}
