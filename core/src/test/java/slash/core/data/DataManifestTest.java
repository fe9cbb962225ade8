package slash.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataManifestTest {
  /** FIPS 180-2 test vectors: SHA-256 of "abc" and of the empty string. */
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** The project's shipped mini-scale data, relative to the module folder tests run in. */
  static final Path SHIPPED = Path.of("..", "data", "mini");

  @TempDir Path dir;

  @Test
  void hashesKnownVectors() throws IOException {
    assertEquals(ABC, DataManifest.sha256(write("abc.txt", "abc")));
    assertEquals(EMPTY, DataManifest.sha256(write("empty.txt", "")));
  }

  @Test
  void goodManifestPasses() throws IOException {
    Path abc = write("SST-2/train.tsv", "abc");
    Path empty = write("empty.txt", "");
    // sha256sum's text (two spaces) and binary (space, asterisk) forms; an upper-case digest
    write(DataManifest.FILE_NAME, ABC.toUpperCase() + "  SST-2/train.tsv\n\n" + EMPTY
        + " *empty.txt\n");
    assertEquals(List.of(abc, empty), DataManifest.verifyIfPresent(dir));
    DataManifest manifest = DataManifest.find(dir).orElseThrow();
    assertEquals(List.of(new DataManifest.Entry("SST-2/train.tsv", ABC),
        new DataManifest.Entry("empty.txt", EMPTY)), manifest.entries());
  }

  @Test
  void changedByteFailsNamingTheFileAndBothChecksums() throws IOException {
    Path file = write("SST-2/train.tsv", "abd"); // one byte changed from "abc"
    write(DataManifest.FILE_NAME, ABC + "  SST-2/train.tsv\n");
    String actual = DataManifest.sha256(file);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> DataManifest.verifyIfPresent(dir));
    assertEquals(file, e.file());
    assertEquals(0, e.line());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + ABC), e.getMessage());
    assertTrue(e.getMessage().contains("actual " + actual), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void listedButMissingFileFails() throws IOException {
    write("present.txt", "abc");
    write(DataManifest.FILE_NAME, ABC + "  present.txt\n" + EMPTY + "  RTE/dev.tsv\n");
    Path missing = dir.resolve("RTE/dev.tsv");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> DataManifest.verifyIfPresent(dir));
    assertEquals(missing, e.file());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
    assertTrue(e.getMessage().contains("expected SHA-256 " + EMPTY), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void folderWithoutManifestIsAcceptedAsItIs() throws IOException {
    write("SST-2/train.tsv", "anything a user put here");
    assertTrue(DataManifest.find(dir).isEmpty());
    assertEquals(List.of(), DataManifest.verifyIfPresent(dir));
  }

  @Test
  void malformedOrEscapingLinesAreRejectedWithTheirLine() throws IOException {
    Path manifest = write(DataManifest.FILE_NAME, ABC + "  ok.txt\nnot a checksum line\n");
    DataFormatException bad = assertThrows(DataFormatException.class,
        () -> DataManifest.read(manifest));
    assertEquals(manifest, bad.file());
    assertEquals(2, bad.line());

    write(DataManifest.FILE_NAME, ABC + "  ../outside.txt\n");
    assertEquals(1, assertThrows(DataFormatException.class,
        () -> DataManifest.read(manifest)).line());

    write(DataManifest.FILE_NAME, ABC + "  a.txt\n" + ABC + "  a.txt\n");
    assertEquals(2, assertThrows(DataFormatException.class,
        () -> DataManifest.read(manifest)).line());
  }

  @Test
  void shippedMiniManifestVerifies() {
    DataManifest manifest = DataManifest.find(SHIPPED).orElseThrow(() -> new AssertionError(
        "no " + DataManifest.FILE_NAME + " in " + SHIPPED.toAbsolutePath().normalize()));
    assertFalse(manifest.entries().isEmpty());
    List<Path> verified = manifest.verify();
    assertEquals(manifest.entries().size(), verified.size());
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}
