package slash.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.repro.data.TargetTempDir;

/**
 * {@code ./slash fetch-data} as a user meets it: with no network, offline with an empty cache,
 * and a download whose files fail the real pinned sums; every requested task gets exactly one
 * line, and any task missing makes the exit code 2. No test here reaches beyond 127.0.0.1.
 */
class DataFetchCliTest {
  private static final List<String> TASKS = List.of("CoLA", "SST-2", "QQP", "STS-B", "MNLI",
      "QNLI", "RTE", "MRPC", "CoNLL-2003");

  @TempDir(factory = TargetTempDir.class) Path dir;

  private record Outcome(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void withNoNetworkEveryTaskGetsOneErrorLineAndExitCodeTwo() throws IOException {
    String mirror = "http://127.0.0.1:" + closedPort();
    Path cache = dir.resolve("cache");
    Outcome r = run("fetch-data", "--cache", cache.toString(), "--mirror", mirror);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.out().lines().allMatch(l -> l.startsWith("note: the runs read ")), r.out());
    List<String> lines = r.errLines();
    assertEquals(TASKS.size(), lines.size(), r.err());
    for (int i = 0; i < TASKS.size(); i++) {
      String task = TASKS.get(i);
      String line = lines.get(i);
      if (task.equals("MRPC")) {
        assertTrue(line.startsWith("error: MRPC: not downloadable (licence: MSR-SSLA"), line);
        assertTrue(line.endsWith("; put train.tsv and dev.tsv in " + cache.resolve("MRPC")),
            line);
      } else {
        assertTrue(line.startsWith("error: " + task + ": download failed: connection refused ("
            + mirror + "/"), line);
      }
    }
    try (Stream<Path> left = Files.walk(cache)) {
      assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "nothing left");
    }
  }

  @Test
  void offlineWithAnEmptyCacheSaysPerTaskThatItIsNotThere() {
    Path cache = dir.resolve("cache");
    Outcome r = run("fetch-data", "--offline", "--cache", cache.toString(), "--tasks",
        "sst2,rte,mrpc");
    assertEquals(2, r.code());
    assertEquals(List.of(
        "error: SST-2: not in the cache (--offline): no train.tsv and dev.tsv in "
            + cache.resolve("SST-2") + " and no " + cache.resolve("downloads/SST-2.zip")
            + "; run without --offline to download it",
        "error: RTE: not in the cache (--offline): no train.tsv and dev.tsv in "
            + cache.resolve("RTE") + " and no " + cache.resolve("downloads/RTE.zip")
            + "; run without --offline to download it",
        "error: MRPC: not downloadable (licence: MSR-SSLA, Microsoft's MSR Paraphrase corpus "
            + "with its own installer); put train.tsv and dev.tsv in " + cache.resolve("MRPC")),
        r.errLines());
  }

  @Test
  void offlineWithFilesThatFailTheirSumsMovesThemAsideAndExitsTwo() throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("CoNLL-2003"));
    for (String file : List.of("train.txt", "valid.txt", "test.txt")) {
      Files.writeString(data.resolve("CoNLL-2003").resolve(file), "-DOCSTART- -X- -X- O\n");
    }
    // the files are there but are not the pinned ones: moved aside, reported, exit 2
    Outcome bad = run("fetch-data", "--offline", "--data", data.toString(), "--cache",
        dir.resolve("cache").toString(), "--tasks", "conll2003");
    assertEquals(2, bad.code());
    assertEquals(1, bad.errLines().size(), bad.err());
    assertTrue(bad.err().contains("train.txt there failed its checksum"), bad.err());
    assertFalse(Files.exists(data.resolve("CoNLL-2003/train.txt")));
    assertTrue(Files.exists(data.resolve("CoNLL-2003/train.txt.bad")));
  }

  @Test
  void aDownloadThatFailsThePinnedSumsIsOneLineAndInstallsNothing() throws IOException {
    byte[] zip = zip("RTE/train.tsv", "index\tsentence1\tsentence2\tlabel\n",
        "RTE/dev.tsv", "index\tsentence1\tsentence2\tlabel\n");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/RTE.zip", exchange -> {
      exchange.sendResponseHeaders(200, zip.length);
      exchange.getResponseBody().write(zip);
      exchange.close();
    });
    server.start();
    try {
      Path cache = dir.resolve("cache");
      Outcome r = run("fetch-data", "--cache", cache.toString(), "--tasks", "rte",
          "--mirror", "http://127.0.0.1:" + server.getAddress().getPort());
      assertEquals(2, r.code(), r.err());
      List<String> errors = r.errLines().stream().filter(l -> l.startsWith("error:")).toList();
      assertEquals(1, errors.size(), r.err());
      assertTrue(errors.get(0).startsWith("error: RTE: train.tsv from RTE.zip failed its "
          + "checksum (sha256 "), errors.get(0));
      assertTrue(errors.get(0).contains("pinned 41e3a9b063433392…"), errors.get(0));
      assertFalse(Files.exists(cache.resolve("RTE/train.tsv")), "nothing bad left in place");
      assertFalse(Files.exists(cache.resolve("RTE/train.tsv.part")));
      assertFalse(Files.exists(cache.resolve("downloads/RTE.zip")));
      assertTrue(r.err().contains("RTE RTE.zip"), "progress on stderr: " + r.err());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void helpNamesTheCacheTheOfflineModeAndTheProxies() {
    Outcome help = run("fetch-data", "--help");
    assertEquals(0, help.code());
    for (String word : List.of("--cache", "--data", "--offline", "--timeout", "SLASH_DATA_CACHE",
        "https_proxy", "downloads")) {
      assertTrue(help.out().contains(word), word + " in\n" + help.out());
    }
  }

  private static byte[] zip(String... namesAndTexts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < namesAndTexts.length; i += 2) {
        zip.putNextEntry(new ZipEntry(namesAndTexts[i]));
        zip.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
