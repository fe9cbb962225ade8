package slash.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slash.core.io.FloatTensor;
import slash.core.method.MethodConfig;
import slash.core.model.EncoderConfig;

/**
 * A method whose trainable tensors are exactly the new tensors of its layout, with the config's
 * initial values: the tensors, their checkpoint state and their optimizer view. Subclasses add
 * only their hooks.
 */
public abstract class DjlLayoutAdaptation implements DjlAdaptation {
  protected final EncoderConfig encoder;
  private final NDManager manager;
  private final Map<String, NDArray> tensors = new LinkedHashMap<>();

  protected DjlLayoutAdaptation(MethodConfig method, EncoderConfig encoder, long seed,
      NDManager parent) {
    method.validate(encoder);
    this.encoder = encoder;
    this.manager = parent.newSubManager();
    method.newTensors(encoder).forEach((name, shape) -> {
      NDArray array = manager.create(method.initialValues(name, shape, seed), new Shape(shape));
      array.setName(name);
      array.setRequiresGradient(true);
      tensors.put(name, array);
    });
  }

  protected NDArray tensor(String name) {
    NDArray array = tensors.get(name);
    if (array == null) {
      throw new IllegalArgumentException("no trainable tensor " + name);
    }
    return array;
  }

  protected NDManager manager() {
    return manager;
  }

  @Override
  public List<DjlTrainable> trainables() {
    List<DjlTrainable> list = new ArrayList<>();
    tensors.forEach((name, array) -> list.add(DjlTrainable.of(name, array)));
    return list;
  }

  @Override
  public Map<String, FloatTensor> state() {
    return DjlArrayState.save(tensors);
  }

  @Override
  public void load(Map<String, FloatTensor> state) {
    DjlArrayState.load(tensors, state);
  }

  @Override
  public void close() {
    manager.close();
  }
}
