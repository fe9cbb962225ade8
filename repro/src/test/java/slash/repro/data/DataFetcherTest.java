package slash.repro.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.data.Task;

/** fetch-data against a local HTTP server: verified install, skip when present, refusals. */
class DataFetcherTest {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger downloads = new AtomicInteger();
  private static final String TRAIN = "sentence\tlabel\na fine film\t1\n";
  private static final String DEV = "sentence\tlabel\na dull film\t0\n";

  @BeforeEach
  void serve() throws IOException {
    byte[] zip = zip(Map.of("RTE/train.tsv", TRAIN, "RTE/dev.tsv", DEV, "RTE/test.tsv", "x"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/RTE.zip", exchange -> {
      downloads.incrementAndGet();
      exchange.sendResponseHeaders(200, zip.length);
      exchange.getResponseBody().write(zip);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/RTE.zip";
  }

  private DataSource rte(Map<String, String> sums) {
    return new DataSource(Task.RTE, url(), Map.of("RTE/train.tsv", "train.tsv", "RTE/dev.tsv",
        "dev.tsv"), sums, null);
  }

  @Test
  void fetchesVerifiesAndLeavesPresentFilesAlone() throws IOException {
    Path data = dir.resolve("glue");
    Files.createDirectories(data);
    DataSource source = rte(Map.of("train.tsv", sha(TRAIN)));
    var first = new DataFetcher(data, null).fetch(List.of(source)).get(0);
    assertTrue(first.ok(), first.message());
    assertTrue(first.message().contains("train.tsv (sha256 verified)"), first.message());
    assertEquals(TRAIN, Files.readString(data.resolve("RTE/train.tsv")));
    assertEquals(DEV, Files.readString(data.resolve("RTE/dev.tsv")));
    assertFalse(Files.exists(data.resolve("RTE/test.tsv")), "only the files asked for");

    var second = new DataFetcher(data, null).fetch(List.of(source)).get(0);
    assertEquals("present", second.message());
    assertEquals(1, downloads.get(), "present files are not downloaded again");
  }

  @Test
  void aChecksumMismatchInstallsNothing() throws IOException {
    Path data = dir.resolve("glue");
    Files.createDirectories(data);
    var outcome = new DataFetcher(data, null).fetch(List.of(rte(Map.of("train.tsv",
        "0".repeat(64))))).get(0);
    assertFalse(outcome.ok());
    assertTrue(outcome.message().contains("expected 000"), outcome.message());
    assertFalse(Files.exists(data.resolve("RTE/train.tsv")));
  }

  @Test
  void noNetworkAndUnfetchableSourcesSayWhatIsMissing() throws IOException {
    Path data = dir.resolve("glue");
    Files.createDirectories(data);
    String closed = "http://127.0.0.1:1";
    var outcomes = new DataFetcher(data, closed).fetch(List.of(rte(Map.of()),
        DataSource.all().stream().filter(s -> s.task() == Task.MRPC).findFirst().orElseThrow()));
    assertFalse(outcomes.get(0).ok());
    assertTrue(outcomes.get(0).message().startsWith("missing: cannot download "
        + closed + "/RTE.zip"), outcomes.get(0).message());
    assertTrue(outcomes.get(0).message().contains("copy the files into"));
    assertFalse(Files.exists(data.resolve("RTE")), "a failed fetch leaves no empty folder");
    try (var left = Files.list(data)) {
      assertEquals(0, left.count(), "nor a partial download");
    }
    assertFalse(outcomes.get(1).ok());
    assertTrue(outcomes.get(1).message().contains("MSR Paraphrase"), outcomes.get(1).message());
  }

  @Test
  void everyGlueAndConllTaskHasASource() {
    assertEquals(9, DataSource.all().stream().map(DataSource::task).distinct().count());
  }

  private static byte[] zip(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String sha(String text) throws IOException {
    Path file = Files.createTempFile("sha", ".txt");
    Files.writeString(file, text);
    try {
      return DataFetcher.sha256(file);
    } finally {
      Files.delete(file);
    }
  }
}
