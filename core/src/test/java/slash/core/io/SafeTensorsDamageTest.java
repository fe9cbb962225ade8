package slash.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A damaged safetensors file is one {@link IllegalArgumentException} naming the file, what is
 * wrong and what to do: never a BufferUnderflowException or a bare "cannot read".
 */
class SafeTensorsDamageTest {
  private static final String REMEDY = "delete it to restart";

  private final Path dir;

  SafeTensorsDamageTest() throws IOException { // under target/, as every test's files
    Files.createDirectories(Path.of("target"));
    dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "safetensors-damage-");
  }

  private Path good() {
    Path file = dir.resolve("good.safetensors");
    float[] data = new float[1000];
    Arrays.fill(data, 0.5f);
    SafeTensors.write(file, Map.of("w", new FloatTensor(new long[] {10, 100}, data)),
        Map.of("k", "v"));
    return file;
  }

  private Path cut(Path from, int bytes) throws IOException {
    Path file = dir.resolve("cut-" + bytes + ".safetensors");
    Files.write(file, Arrays.copyOf(Files.readAllBytes(from), bytes));
    return file;
  }

  private static String message(Path file) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.read(file, REMEDY));
    String message = e.getMessage();
    assertTrue(message.startsWith(file.toString() + ": "), message);
    assertTrue(message.endsWith("; " + REMEDY), message);
    assertEquals(1, message.lines().count(), message);
    // the header-only read (config checks) says the same
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.readMetadata(file, REMEDY)).getMessage());
    return message;
  }

  @Test
  void aGoodFileReadsBack() {
    SafeTensors.Contents contents = SafeTensors.read(good());
    assertArrayEquals(new long[] {10, 100}, contents.tensors().get("w").shape());
    assertEquals("v", contents.metadata().get("k"));
  }

  @Test
  void emptyAndShorterThanTheHeaderLength() throws IOException {
    Path good = good();
    for (int bytes : new int[] {0, 5, 7}) {
      String message = message(cut(good, bytes));
      assertTrue(message.contains("truncated: " + bytes + " bytes, too short for the 8-byte "
          + "header length"), message);
    }
  }

  @Test
  void headerLengthBeyondTheFile() throws IOException {
    Path good = good();
    String message = message(cut(good, 20));
    assertTrue(message.matches(".*truncated: 20 bytes, but its header alone needs [0-9,]+; .*"),
        message);
  }

  @Test
  void truncatedMidData() throws IOException {
    Path good = good();
    long size = Files.size(good);
    String message = message(cut(good, (int) size - 1000));
    assertTrue(message.contains(String.format(java.util.Locale.ROOT, "truncated: %,d of %,d "
        + "bytes", size - 1000, size)), message);
  }

  @Test
  void garbageHeaderAndGarbageLength() throws IOException {
    byte[] json = "{not json at all".getBytes(StandardCharsets.UTF_8);
    ByteBuffer bytes = ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(json.length).put(json);
    Path garbage = dir.resolve("garbage.safetensors");
    Files.write(garbage, bytes.array());
    String message = message(garbage);
    assertTrue(message.contains("its header is not valid JSON"), message);

    Path text = dir.resolve("text.safetensors");
    Files.writeString(text, "this is a text file, not tensors at all");
    String notTensors = message(text);
    assertTrue(notTensors.contains("not a safetensors file: its first 8 bytes give a header "
        + "length of"), notTensors);

    byte[] entry = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}".getBytes(StandardCharsets.UTF_8);
    ByteBuffer noOffsets = ByteBuffer.allocate(8 + entry.length).order(ByteOrder.LITTLE_ENDIAN);
    noOffsets.putLong(entry.length).put(entry);
    Path bad = dir.resolve("bad-entry.safetensors");
    Files.write(bad, noOffsets.array());
    assertTrue(message(bad).contains("bad header entry for tensor 'w'"));
  }
}
