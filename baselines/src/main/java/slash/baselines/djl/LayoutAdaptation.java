package slash.baselines.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slash.core.config.MethodConfig;
import slash.core.io.FloatTensor;
import slash.core.method.ParameterInit;
import slash.core.method.TrainableLayout;
import slash.core.model.EncoderConfig;
import slash.djl.Adaptation;
import slash.djl.ArrayState;
import slash.djl.Trainable;

/**
 * A baseline whose trainable tensors are exactly its {@link TrainableLayout}, initialised by
 * {@link ParameterInit}: the tensors, their checkpoint state and their optimizer view; subclasses
 * add only their hooks.
 */
abstract class LayoutAdaptation implements Adaptation {
  protected final MethodConfig method;
  protected final EncoderConfig encoder;
  private final NDManager manager;
  private final Map<String, NDArray> tensors = new LinkedHashMap<>();

  LayoutAdaptation(MethodConfig method, EncoderConfig encoder, long seed, NDManager parent) {
    this.method = method;
    this.encoder = encoder;
    this.manager = parent.newSubManager();
    TrainableLayout.of(method, encoder).forEach((name, shape) -> {
      NDArray array = manager.create(ParameterInit.values(method, name, shape, seed),
          new Shape(shape));
      array.setName(name);
      array.setRequiresGradient(true);
      tensors.put(name, array);
    });
  }

  protected NDArray tensor(String name) {
    return tensors.get(name);
  }

  @Override
  public List<Trainable> trainables() {
    List<Trainable> list = new ArrayList<>();
    tensors.forEach((name, array) -> list.add(Trainable.of(name, array)));
    return list;
  }

  @Override
  public Map<String, FloatTensor> state() {
    return ArrayState.save(tensors);
  }

  @Override
  public void load(Map<String, FloatTensor> state) {
    ArrayState.load(tensors, state);
  }

  @Override
  public void close() {
    manager.close();
  }
}
