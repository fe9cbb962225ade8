package slash.repro.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.data.Task;

/**
 * fetch-data against a real HTTP server on 127.0.0.1 serving a zip built here: a verified
 * install, a download cut off half-way and resumed with Range, a server that ignores Range, a
 * checksum mismatch, a 404, a refused connection, a stalled server (bounded by a test-sized read
 * time-out), --offline with and without a cached archive, and a proxy from the environment.
 */
class DataFetcherTest {
  /** How the server answers the next request. */
  enum Mode { NORMAL, CUT_ONCE, IGNORE_RANGE, STALL_BODY, STALL_HEADERS, NOT_FOUND }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
  /** A few hundred kB, so that the body arrives in many pieces and half of it is a real cut. */
  private static final String TRAIN = "index\tsentence1\tsentence2\tlabel\n" + IntStream
      .range(0, 6000).mapToObj(i -> i + "\tA cat number " + i + " sat.\tAn animal sat.\t"
          + (i % 3 == 0 ? "not_entailment" : "entailment") + "\n").collect(Collectors.joining());
  private static final String DEV = "index\tsentence1\tsentence2\tlabel\n0\tA.\tB.\tentailment\n";

  @TempDir(factory = TargetTempDir.class) Path dir;
  private HttpServer server;
  private ExecutorService pool;
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.NORMAL;
  private byte[] zip;
  private Path data;
  private Path downloads;
  private final StringWriter progress = new StringWriter();

  @BeforeEach
  void serve() throws IOException {
    zip = zip(Map.of("RTE/train.tsv", TRAIN, "RTE/dev.tsv", DEV, "RTE/test.tsv", "x"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    server.createContext("/", this::answer);
    server.start();
    data = dir.resolve("cache");
    downloads = data.resolve("downloads");
  }

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    server.stop(0);
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "" : range);
    targets.add(exchange.getRequestURI().toString());
    Mode now = mode;
    if (now == Mode.CUT_ONCE) {
      mode = Mode.NORMAL;
    }
    if (!exchange.getRequestURI().getPath().endsWith("/RTE.zip") || now == Mode.NOT_FOUND) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    if (now == Mode.STALL_HEADERS) {
      await();
      exchange.close();
      return;
    }
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (m != null && m.matches() && now != Mode.IGNORE_RANGE) {
      int from = Integer.parseInt(m.group(1));
      if (from >= zip.length) {
        exchange.sendResponseHeaders(416, -1);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-"
          + (zip.length - 1) + "/" + zip.length);
      exchange.sendResponseHeaders(206, zip.length - from);
      exchange.getResponseBody().write(zip, from, zip.length - from);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(200, zip.length);
    OutputStream body = exchange.getResponseBody();
    if (now == Mode.CUT_ONCE || now == Mode.STALL_BODY) {
      body.write(zip, 0, zip.length / 2);
      body.flush();
      if (now == Mode.STALL_BODY) {
        await();
      }
      // the client must see the connection end short of Content-Length
      throw new IOException("test server: cut off after half the body");
    }
    body.write(zip);
    exchange.close();
  }

  private void await() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private DataSource rte(Map<String, String> sums) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("RTE/train.tsv", "train.tsv");
    files.put("RTE/dev.tsv", "dev.tsv");
    return new DataSource(Task.RTE, base() + "/glue/RTE.zip", files, sums, null, null);
  }

  private DataSource pinnedRte() {
    return rte(Map.of("train.tsv", sha(TRAIN), "dev.tsv", sha(DEV)));
  }

  private DataFetcher.Options options() {
    return DataFetcher.Options.of(data, downloads).env(Map.of())
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).retries(0)
        .progress(new PrintWriter(progress, true), false);
  }

  private DataFetcher.Outcome fetch(DataFetcher.Options options, DataSource source) {
    return new DataFetcher(options).fetch(List.of(source)).get(0);
  }

  @Test
  void aGoodDownloadIsVerifiedInstalledAndNotFetchedAgain() throws IOException {
    var first = fetch(options(), pinnedRte());
    assertTrue(first.ok(), first.line());
    assertTrue(first.message().startsWith("downloaded " + base() + "/glue/RTE.zip, extracted "
        + "train.tsv and dev.tsv into " + data.resolve("RTE") + " (sha256 verified)"),
        first.message());
    assertEquals(TRAIN, Files.readString(data.resolve("RTE/train.tsv")));
    assertEquals(DEV, Files.readString(data.resolve("RTE/dev.tsv")));
    assertFalse(Files.exists(data.resolve("RTE/test.tsv")), "only the files asked for");
    assertTrue(Files.isRegularFile(downloads.resolve("RTE.zip")), "the archive is kept");
    assertFalse(Files.exists(downloads.resolve("RTE.zip.part")));
    assertEquals(List.of(""), ranges, "one plain request");
    assertTrue(progress.toString().contains("RTE RTE.zip"), progress.toString());
    assertTrue(progress.toString().contains("/s"), "a rate: " + progress);
    assertTrue(progress.toString().contains("ETA"), "an ETA: " + progress);

    var second = fetch(options(), pinnedRte());
    assertEquals("present in " + data.resolve("RTE") + " (sha256 verified)", second.message());
    assertEquals(1, ranges.size(), "present files are not downloaded again");
  }

  @Test
  void aDownloadCutOffHalfWayResumesWithRangeOnTheNextRun() throws IOException {
    mode = Mode.CUT_ONCE;
    var cut = fetch(options(), pinnedRte());
    assertFalse(cut.ok());
    assertTrue(cut.message().contains("run again to resume from"), cut.message());
    assertTrue(cut.message().contains(base() + "/glue/RTE.zip"), cut.message());
    Path part = downloads.resolve("RTE.zip.part");
    long kept = Files.size(part);
    assertTrue(kept > 0 && kept < zip.length, "a partial download is kept: " + kept);
    assertFalse(Files.exists(downloads.resolve("RTE.zip")), "nothing half-written in place");
    assertFalse(Files.exists(data.resolve("RTE/train.tsv")));

    var resumed = fetch(options(), pinnedRte());
    assertTrue(resumed.ok(), resumed.line());
    assertEquals(List.of("", "bytes=" + kept + "-"), ranges, "the second request resumes");
    assertEquals(TRAIN, Files.readString(data.resolve("RTE/train.tsv")));
    assertEquals(zip.length, Files.size(downloads.resolve("RTE.zip")));
    assertFalse(Files.exists(part));
  }

  @Test
  void aConnectionLostMidBodyIsResumedInTheSameRunWhenRetriesAreLeft() throws IOException {
    mode = Mode.CUT_ONCE;
    var outcome = fetch(options().retries(1), pinnedRte());
    assertTrue(outcome.ok(), outcome.line());
    assertEquals(2, ranges.size());
    assertTrue(ranges.get(1).startsWith("bytes="), ranges.toString());
    assertTrue(progress.toString().contains("resuming"), progress.toString());
    assertEquals(TRAIN, Files.readString(data.resolve("RTE/train.tsv")));
  }

  @Test
  void aServerThatIgnoresRangeIsDownloadedAgainFromTheStart() throws IOException {
    Files.createDirectories(downloads);
    Files.writeString(downloads.resolve("RTE.zip.part"), "not the start of the zip");
    mode = Mode.IGNORE_RANGE;
    var outcome = fetch(options(), pinnedRte());
    assertTrue(outcome.ok(), outcome.line());
    assertEquals(List.of("bytes=24-"), ranges);
    assertEquals(zip.length, Files.size(downloads.resolve("RTE.zip")), "200: truncated, whole");
    assertEquals(TRAIN, Files.readString(data.resolve("RTE/train.tsv")));
  }

  @Test
  void aPartialFileLongerThanTheArchiveIsDroppedAndDownloadedAgain() throws IOException {
    Files.createDirectories(downloads);
    Files.write(downloads.resolve("RTE.zip.part"), new byte[zip.length + 10]);
    var outcome = fetch(options(), pinnedRte());
    assertTrue(outcome.ok(), outcome.line());
    assertEquals(List.of("bytes=" + (zip.length + 10) + "-", ""), ranges, "416, then whole");
    assertEquals(zip.length, Files.size(downloads.resolve("RTE.zip")));
  }

  @Test
  void aChecksumMismatchInstallsNothingAndKeepsTheArchiveAside() throws IOException {
    var outcome = fetch(options(), rte(Map.of("train.tsv", "0".repeat(64), "dev.tsv",
        sha(DEV))));
    assertFalse(outcome.ok());
    assertEquals("train.tsv from RTE.zip failed its checksum (sha256 " + sha(TRAIN)
        .substring(0, 16) + "…, pinned 0000000000000000…); not installed, the archive kept "
        + "aside as " + downloads.resolve("RTE.zip.bad"), outcome.message());
    assertFalse(Files.exists(data.resolve("RTE/train.tsv")));
    assertFalse(Files.exists(data.resolve("RTE/train.tsv.part")));
    assertFalse(Files.exists(downloads.resolve("RTE.zip")), "the next run downloads it again");
    assertTrue(Files.exists(downloads.resolve("RTE.zip.bad")));
  }

  @Test
  void aPresentFileThatFailsItsChecksumIsMovedAsideAndFetchedAgain() throws IOException {
    Files.createDirectories(data.resolve("RTE"));
    Files.writeString(data.resolve("RTE/train.tsv"), "tampered\n");
    Files.writeString(data.resolve("RTE/dev.tsv"), DEV);
    var outcome = fetch(options(), pinnedRte());
    assertTrue(outcome.ok(), outcome.line());
    assertTrue(outcome.message().contains("extracted train.tsv into"), outcome.message());
    assertTrue(outcome.message().endsWith("train.tsv there failed its checksum (sha256 "
        + sha("tampered\n").substring(0, 16) + "…, pinned " + sha(TRAIN).substring(0, 16)
        + "…) and was moved aside to train.tsv.bad"), outcome.message());
    assertEquals(TRAIN, Files.readString(data.resolve("RTE/train.tsv")));
    assertEquals("tampered\n", Files.readString(data.resolve("RTE/train.tsv.bad")));
  }

  @Test
  void aMissingArchiveIsAnHttpErrorNamingTheUrl() {
    mode = Mode.NOT_FOUND;
    var outcome = fetch(options(), pinnedRte());
    assertFalse(outcome.ok());
    assertEquals("download failed: HTTP 404 (" + base() + "/glue/RTE.zip)", outcome.message());
    assertFalse(Files.exists(downloads.resolve("RTE.zip.part")), "no empty partial file");
    assertFalse(Files.exists(data.resolve("RTE")), "no empty task folder");
  }

  @Test
  void aRefusedConnectionSaysSoWithTheUrl() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/RTE.zip";
    var outcome = fetch(options(), pinnedRte().mirrored("http://127.0.0.1:" + closed));
    assertFalse(outcome.ok());
    assertEquals("download failed: connection refused (" + url + ")", outcome.message());
  }

  /** Loads the HTTP client and server classes, so that a short time-out times only the stall. */
  private void warmUp() {
    Mode stall = mode;
    mode = Mode.NOT_FOUND;
    fetch(options(), pinnedRte());
    ranges.clear();
    mode = stall;
  }

  /** Fetches from a server stalling as {@code stall}; asserts it gave up in about 1.5 s. */
  private DataFetcher.Outcome fetchFromStallingServer(Mode stall) {
    mode = stall;
    warmUp();
    var options = options().timeouts(Duration.ofSeconds(1), Duration.ofMillis(1500));
    long start = System.nanoTime();
    var outcome = assertTimeoutPreemptively(Duration.ofSeconds(15),
        () -> fetch(options, pinnedRte()));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds >= 1.4 && seconds < 6, "gave up after " + seconds + " s");
    return outcome;
  }

  @Test
  void aServerThatStallsMidBodyTimesOutWithAClearMessage() {
    var outcome = fetchFromStallingServer(Mode.STALL_BODY);
    assertFalse(outcome.ok());
    assertTrue(outcome.message().startsWith("download stalled: no data for 1.5 s (read "
        + "time-out) after "), outcome.message());
    assertTrue(outcome.message().contains("(" + base() + "/glue/RTE.zip); run again to resume"),
        outcome.message());
    assertFalse(Files.exists(downloads.resolve("RTE.zip")));
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithAClearMessage() {
    var outcome = fetchFromStallingServer(Mode.STALL_HEADERS);
    assertEquals("download failed: no response within 1.5 s (read time-out) (" + base()
        + "/glue/RTE.zip)", outcome.message());
  }

  @Test
  void offlineUsesOnlyTheCache() throws IOException {
    var empty = fetch(options().offline(true), pinnedRte());
    assertFalse(empty.ok());
    assertEquals("not in the cache (--offline): no train.tsv and dev.tsv in "
        + data.resolve("RTE") + " and no " + downloads.resolve("RTE.zip") + "; run without "
        + "--offline to download it", empty.message());
    assertEquals(List.of(), ranges, "offline: no request");

    assertTrue(fetch(options(), pinnedRte()).ok());
    var present = fetch(options().offline(true), pinnedRte());
    assertEquals("present in " + data.resolve("RTE") + " (sha256 verified)", present.message());

    Files.delete(data.resolve("RTE/dev.tsv"));
    var fromArchive = fetch(options().offline(true), pinnedRte());
    assertTrue(fromArchive.ok(), fromArchive.line());
    assertTrue(fromArchive.message().startsWith("from " + downloads.resolve("RTE.zip")
        + ", extracted dev.tsv into"), fromArchive.message());
    assertEquals(1, ranges.size(), "one download in all");

    Files.writeString(data.resolve("RTE/dev.tsv"), "tampered\n");
    Files.delete(downloads.resolve("RTE.zip"));
    var bad = fetch(options().offline(true), pinnedRte());
    assertFalse(bad.ok());
    assertTrue(bad.message().endsWith("dev.tsv there failed its checksum (sha256 "
        + sha("tampered\n").substring(0, 16) + "…, pinned " + sha(DEV).substring(0, 16)
        + "…) and was moved aside to dev.tsv.bad"), bad.message());
    assertFalse(Files.exists(data.resolve("RTE/dev.tsv")), "nothing bad left in place");
  }

  @Test
  void aSourceThatCannotBeDownloadedSaysWhereToPutItsFiles() {
    DataSource mrpc = DataSource.all().stream().filter(s -> s.task() == Task.MRPC).findFirst()
        .orElseThrow();
    var outcome = fetch(options(), mrpc);
    assertEquals("MRPC: not downloadable (licence: MSR-SSLA, Microsoft's MSR Paraphrase corpus "
        + "with its own installer); put train.tsv and dev.tsv in " + data.resolve("MRPC"),
        outcome.line());
  }

  @Test
  void anUnpinnedFileIsInstalledWithItsSumShown() {
    var outcome = fetch(options(), rte(Map.of("train.tsv", sha(TRAIN))));
    assertTrue(outcome.ok(), outcome.line());
    assertTrue(outcome.message().endsWith("(sha256 verified; not pinned: dev.tsv "
        + sha(DEV).substring(0, 16) + "…)"), outcome.message());
  }

  @Test
  void theProxyFromTheEnvironmentCarriesTheRequest() throws IOException {
    // the server is the proxy: an http:// URL on a host that does not exist reaches it only so
    DataSource remote = pinnedRte().mirrored("http://data.example.invalid/glue");
    var outcome = fetch(options().env(Map.of("http_proxy", base())), remote);
    assertTrue(outcome.ok(), outcome.line());
    assertTrue(outcome.message().contains(" via proxy "), outcome.message());
    assertEquals(List.of("http://data.example.invalid/glue/RTE.zip"), targets,
        "the proxy got the absolute URL");
  }

  @Test
  void everyGlueAndConllTaskHasASourceAndTheSharedFilesArePinned() {
    List<DataSource> all = DataSource.all();
    assertEquals(9, all.stream().map(DataSource::task).distinct().count());
    long pinned = all.stream().mapToLong(s -> s.sha256().size()).sum();
    assertEquals(14, pinned, "every file of the shared data folder");
    for (DataSource s : all) {
      for (String sum : s.sha256().values()) {
        assertTrue(sum.matches("[0-9a-f]{64}"), s.task() + ": " + sum);
      }
      assertTrue(s.files().values().containsAll(s.sha256().keySet()), s.task().toString());
    }
    assertNull(all.stream().filter(s -> s.task() == Task.MRPC).findFirst().orElseThrow().url());
  }

  static byte[] zip(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var file : new java.util.TreeMap<>(files).entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  static String sha(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
