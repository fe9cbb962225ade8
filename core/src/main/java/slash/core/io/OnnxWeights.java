package slash.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the float initializers of an ONNX model with a minimal protobuf wire-format reader (no ONNX
 * library needed). Initializers whose names are readable keep them; MatMul weights exported as
 * {@code onnx::MatMul_NNN} (stored [in, out]) are renamed after the node that consumes them
 * ({@code /encoder/layer.3/attention/self/query/MatMul} becomes {@code
 * encoder.layer.3.attention.self.query.weight}) and transposed to Hugging Face's [out, in].
 */
public final class OnnxWeights {
  private static final int FLOAT = 1;

  private OnnxWeights() {}

  public static Map<String, FloatTensor> read(InputStream in) {
    try {
      return read(ByteBuffer.wrap(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ONNX model", e);
    }
  }

  static Map<String, FloatTensor> read(ByteBuffer model) {
    ByteBuffer graph = null;
    Wire wire = new Wire(model);
    while (wire.hasMore()) {
      int key = wire.varint32();
      if (key >>> 3 == 7 && (key & 7) == 2) {
        graph = wire.bytes();
      } else {
        wire.skip(key & 7);
      }
    }
    if (graph == null) {
      throw new IllegalArgumentException("ONNX model has no graph");
    }
    Map<String, FloatTensor> initializers = new LinkedHashMap<>();
    Map<String, String> matMulWeightOwner = new LinkedHashMap<>();
    Wire g = new Wire(graph);
    while (g.hasMore()) {
      int key = g.varint32();
      int field = key >>> 3;
      if (field == 1 && (key & 7) == 2) {
        Node node = node(g.bytes());
        if (node.opType.equals("MatMul") && node.inputs.size() == 2) {
          matMulWeightOwner.put(node.inputs.get(1), node.name);
        }
      } else if (field == 5 && (key & 7) == 2) {
        Named tensor = tensor(g.bytes());
        if (tensor != null) {
          initializers.put(tensor.name, tensor.tensor);
        }
      } else {
        g.skip(key & 7);
      }
    }
    Map<String, FloatTensor> named = new LinkedHashMap<>();
    initializers.forEach((name, tensor) -> {
      String owner = matMulWeightOwner.get(name);
      if (owner != null && tensor.rank() == 2 && owner.endsWith("/MatMul")) {
        String hfName = owner.substring(1, owner.length() - "/MatMul".length())
            .replace('/', '.') + ".weight";
        named.put(hfName, tensor.transpose2d());
      } else {
        named.put(name, tensor);
      }
    });
    return named;
  }

  private record Node(List<String> inputs, String name, String opType) {}

  private record Named(String name, FloatTensor tensor) {}

  private static Node node(ByteBuffer bytes) {
    List<String> inputs = new ArrayList<>();
    String name = "";
    String opType = "";
    Wire w = new Wire(bytes);
    while (w.hasMore()) {
      int key = w.varint32();
      switch (key >>> 3) {
        case 1 -> inputs.add(w.string());
        case 3 -> name = w.string();
        case 4 -> opType = w.string();
        default -> w.skip(key & 7);
      }
    }
    return new Node(inputs, name, opType);
  }

  private static Named tensor(ByteBuffer bytes) {
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    String name = "";
    ByteBuffer raw = null;
    List<Float> floats = new ArrayList<>();
    Wire w = new Wire(bytes);
    while (w.hasMore()) {
      int key = w.varint32();
      int type = key & 7;
      switch (key >>> 3) {
        case 1 -> {
          if (type == 2) {
            Wire packed = new Wire(w.bytes());
            while (packed.hasMore()) {
              dims.add(packed.varint64());
            }
          } else {
            dims.add(w.varint64());
          }
        }
        case 2 -> dataType = w.varint32();
        case 4 -> {
          if (type == 2) {
            ByteBuffer packed = w.bytes().order(ByteOrder.LITTLE_ENDIAN);
            while (packed.hasRemaining()) {
              floats.add(packed.getFloat());
            }
          } else {
            floats.add(w.fixed32());
          }
        }
        case 8 -> name = w.string();
        case 9 -> raw = w.bytes();
        default -> w.skip(type);
      }
    }
    if (dataType != FLOAT) {
      return null;
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    float[] data;
    if (raw != null) {
      data = new float[raw.remaining() / 4];
      raw.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
    } else {
      data = new float[floats.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = floats.get(i);
      }
    }
    return new Named(name, new FloatTensor(shape, data));
  }

  /** Protobuf wire-format cursor over one message. */
  private static final class Wire {
    private final ByteBuffer buffer;

    Wire(ByteBuffer buffer) {
      this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean hasMore() {
      return buffer.hasRemaining();
    }

    long varint64() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = buffer.get();
        result |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw new IllegalArgumentException("malformed varint in ONNX file");
    }

    int varint32() {
      return (int) varint64();
    }

    float fixed32() {
      return buffer.getFloat();
    }

    ByteBuffer bytes() {
      int length = Math.toIntExact(varint64());
      ByteBuffer slice = buffer.slice().limit(length);
      buffer.position(buffer.position() + length);
      return slice;
    }

    String string() {
      ByteBuffer b = bytes();
      byte[] chars = new byte[b.remaining()];
      b.get(chars);
      return new String(chars, StandardCharsets.UTF_8);
    }

    void skip(int wireType) {
      switch (wireType) {
        case 0 -> varint64();
        case 1 -> buffer.position(buffer.position() + 8);
        case 2 -> bytes();
        case 5 -> buffer.position(buffer.position() + 4);
        default -> throw new IllegalArgumentException("unsupported protobuf wire type "
            + wireType);
      }
    }
  }
}
