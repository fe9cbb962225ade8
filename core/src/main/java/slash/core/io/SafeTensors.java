package slash.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Locale;
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

  /** What to do about a damaged file, where the caller knows no better. */
  public static final String REPLACE = "replace it with a complete copy";

  public static Contents read(Path file) {
    return read(file, REPLACE);
  }

  /**
   * The tensors and metadata of {@code file}. A damaged file (shorter than its 8-byte header
   * length, a header length beyond the file, a header that is not JSON, data cut short) is one
   * {@link IllegalArgumentException}: the file, what is wrong, and {@code remedy}.
   */
  public static Contents read(Path file, String remedy) {
    try (FileChannel channel = open(file)) {
      Layout layout = layout(file, channel, remedy);
      Map<String, FloatTensor> tensors = new LinkedHashMap<>();
      for (Map.Entry<String, Entry> e : layout.entries().entrySet()) {
        Entry entry = e.getValue();
        if (!entry.isFloat()) {
          continue; // integer buffers such as embeddings.position_ids carry no weights
        }
        MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY,
            layout.dataStart() + entry.begin(), entry.end() - entry.begin());
        bytes.order(ByteOrder.LITTLE_ENDIAN);
        tensors.put(e.getKey(), new FloatTensor(entry.shape(), decode(entry.dtype(), bytes, file,
            e.getKey())));
      }
      return new Contents(tensors, layout.metadata());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e), e);
    }
  }

  /** The {@code __metadata__} of {@code file}, its header checked against its size as in read. */
  public static Map<String, String> readMetadata(Path file, String remedy) {
    try (FileChannel channel = open(file)) {
      return layout(file, channel, remedy).metadata();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e), e);
    }
  }

  private static FileChannel open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("safetensors file not found: " + file);
    }
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  private record Entry(String dtype, long[] shape, long begin, long end) {
    boolean isFloat() {
      return dtype.equals("F32") || dtype.equals("F16") || dtype.equals("BF16");
    }
  }

  private record Layout(long dataStart, Map<String, Entry> entries,
      Map<String, String> metadata) {}

  private static IllegalArgumentException damaged(Path file, String problem, String remedy) {
    return new IllegalArgumentException(file + ": " + problem + "; " + remedy);
  }

  /** The header of {@code file}, checked: every tensor's bytes lie inside the file. */
  private static Layout layout(Path file, FileChannel channel, String remedy) throws IOException {
    long size = channel.size();
    if (size < 8) {
      throw damaged(file, String.format(Locale.ROOT, "truncated: %,d bytes, too short for the "
          + "8-byte header length a safetensors file begins with", size), remedy);
    }
    ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, lengthBytes, 0);
    long headerLength = lengthBytes.flip().getLong();
    if (headerLength <= 0 || headerLength > 100_000_000) {
      throw damaged(file, String.format(Locale.ROOT, "not a safetensors file: its first 8 "
          + "bytes give a header length of %,d", headerLength), remedy);
    }
    if (8 + headerLength > size) {
      throw damaged(file, String.format(Locale.ROOT, "truncated: %,d bytes, but its header "
          + "alone needs %,d", size, 8 + headerLength), remedy);
    }
    ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
    readFully(channel, headerBytes, 8);
    JsonNode header;
    try {
      header = Json.mapper().readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw damaged(file, "its header is not valid JSON (" + e.getOriginalMessage() + ")",
          remedy);
    }
    if (header == null || !header.isObject()) {
      throw damaged(file, "its header is not a JSON object", remedy);
    }
    long dataStart = 8 + headerLength;
    Map<String, Entry> entries = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    long dataEnd = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals("__metadata__")) {
        field.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(),
            m.getValue().asText()));
        continue;
      }
      Entry entry = entry(file, field.getKey(), field.getValue(), remedy);
      entries.put(field.getKey(), entry);
      dataEnd = Math.max(dataEnd, entry.end());
    }
    if (dataStart + dataEnd > size) {
      throw damaged(file, String.format(Locale.ROOT, "truncated: %,d of %,d bytes", size,
          dataStart + dataEnd), remedy);
    }
    return new Layout(dataStart, entries, metadata);
  }

  private static Entry entry(Path file, String name, JsonNode info, String remedy) {
    JsonNode shapeNode = info.path("shape");
    JsonNode offsets = info.path("data_offsets");
    if (!info.path("dtype").isTextual() || !shapeNode.isArray() || !offsets.isArray()
        || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
        || !offsets.get(1).canConvertToLong()) {
      throw damaged(file, "bad header entry for tensor '" + name + "' (needs dtype, shape and "
          + "two data_offsets): " + info, remedy);
    }
    String dtype = info.path("dtype").asText();
    long[] shape = new long[shapeNode.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong(-1);
      if (shape[i] < 0) {
        throw damaged(file, "tensor '" + name + "' has a bad shape " + shapeNode, remedy);
      }
      count *= shape[i];
    }
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    if (begin < 0 || end < begin) {
      throw damaged(file, "tensor '" + name + "' has bad data_offsets " + offsets, remedy);
    }
    Entry entry = new Entry(dtype, shape, begin, end);
    long width = dtype.equals("F32") ? 4 : 2;
    if (entry.isFloat() && count * width != end - begin) {
      throw damaged(file, String.format(Locale.ROOT, "tensor '%s' of shape %s needs %,d bytes "
          + "but its data_offsets hold %,d", name, shapeNode, count * width, end - begin),
          remedy);
    }
    return entry;
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position)
      throws IOException {
    long at = position;
    while (into.hasRemaining()) {
      int read = channel.read(into, at);
      if (read < 0) {
        throw new java.io.EOFException("end of file at byte " + at);
      }
      at += read;
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
    AtomicFiles.write(file, encode(tensors, metadata));
  }

  /** The bytes of a safetensors file holding {@code tensors} (F32) and {@code metadata}. */
  public static byte[] encode(Map<String, FloatTensor> tensors, Map<String, String> metadata) {
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
    return out.array();
  }
}
