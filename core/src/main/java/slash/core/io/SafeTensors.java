package slash.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format (8-byte little-endian header length, JSON header, raw
 * little-endian data). F32, F16 and BF16 are read as float32, upcast in Java (libtorch crashes on
 * BF16 through DJL); integer tensors (position-id buffers) are skipped. Writes F32 only, atomically.
 */
public final class SafeTensors {
  private SafeTensors() {}

  /** Tensors and the {@code __metadata__} string map of one file. */
  public record Contents(Map<String, FloatTensor> tensors, Map<String, String> metadata) {}

  public static Contents read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("safetensors file not found: " + file);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(lengthBytes, 0);
      long headerLength = lengthBytes.flip().getLong();
      if (headerLength <= 0 || headerLength > Math.min(channel.size() - 8, 100_000_000)) {
        throw new IllegalArgumentException(file + ": not a safetensors file (header length "
            + headerLength + ")");
      }
      ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
      channel.read(headerBytes, 8);
      JsonNode header = Json.mapper().readTree(
          new String(headerBytes.array(), StandardCharsets.UTF_8));
      long dataStart = 8 + headerLength;
      Map<String, FloatTensor> tensors = new LinkedHashMap<>();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (entry.getKey().equals("__metadata__")) {
          entry.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(),
              m.getValue().asText()));
          continue;
        }
        JsonNode info = entry.getValue();
        String dtype = info.path("dtype").asText();
        JsonNode shapeNode = info.path("shape");
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = shapeNode.get(i).asLong();
        }
        long begin = info.path("data_offsets").get(0).asLong();
        long end = info.path("data_offsets").get(1).asLong();
        if (!dtype.equals("F32") && !dtype.equals("F16") && !dtype.equals("BF16")) {
          continue; // integer buffers such as embeddings.position_ids carry no weights
        }
        MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + begin,
            end - begin);
        bytes.order(ByteOrder.LITTLE_ENDIAN);
        tensors.put(entry.getKey(), new FloatTensor(shape, decode(dtype, bytes, file,
            entry.getKey())));
      }
      return new Contents(tensors, metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static float[] decode(String dtype, ByteBuffer bytes, Path file, String name) {
    int width = dtype.equals("F32") ? 4 : 2;
    if (bytes.remaining() % width != 0) {
      throw new IllegalArgumentException(file + ": tensor " + name + " has a truncated payload");
    }
    float[] out = new float[bytes.remaining() / width];
    switch (dtype) {
      case "F32" -> bytes.asFloatBuffer().get(out);
      case "F16" -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = halfToFloat(bytes.getShort());
        }
      }
      default -> { // BF16: the high half of a float32
        for (int i = 0; i < out.length; i++) {
          out[i] = Float.intBitsToFloat((bytes.getShort() & 0xffff) << 16);
        }
      }
    }
    return out;
  }

  /** IEEE 754 binary16 to float32 (Float.float16ToFloat arrived only in Java 20). */
  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) { // infinity or NaN
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
      float value = mantissa * 0x1.0p-24f;
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  public static void write(Path file, Map<String, FloatTensor> tensors,
      Map<String, String> metadata) {
    ObjectNode header = Json.mapper().createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, FloatTensor> entry : tensors.entrySet()) {
      ObjectNode info = header.putObject(entry.getKey());
      info.put("dtype", "F32");
      var shape = info.putArray("shape");
      for (long dim : entry.getValue().shape()) {
        shape.add(dim);
      }
      long size = 4L * entry.getValue().data().length;
      info.putArray("data_offsets").add(offset).add(offset + size);
      offset += size;
    }
    byte[] headerBytes = Json.bytes(header);
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + headerBytes.length + offset))
        .order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(headerBytes.length).put(headerBytes);
    for (FloatTensor tensor : tensors.values()) {
      for (float v : tensor.data()) {
        out.putFloat(v);
      }
    }
    AtomicFiles.write(file, out.array());
  }
}
