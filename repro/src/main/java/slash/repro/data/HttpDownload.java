package slash.repro.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import slash.core.train.ProgressBar;
import slash.core.train.ProgressView;

/**
 * One file over HTTP(S), as {@code datasets} / {@code huggingface_hub} download: into {@code
 * <target>.part}, resumed with {@code Range: bytes=N-} when a {@code .part} is already there (206
 * appends; a server that ignores the range and answers 200 starts over), and renamed atomically
 * onto {@code target} once whole. A connection that drops mid-body is resumed up to {@code
 * retries} times in the same run (when it brought new bytes); otherwise the {@code .part} stays
 * for the next run.
 *
 * <p>Time-outs: {@code connectTimeout} for the TCP / TLS connect, {@code readTimeout} for the
 * response headers and for every stretch of the body without a byte (a stalled server), checked
 * by a watchdog here rather than by the request's own time-out, which would also cut a slow but
 * moving download of a large file.
 */
final class HttpDownload {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private final HttpClient http;
  private final EnvProxy proxy;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int retries;
  private final PrintWriter progress;
  private final boolean interactive;

  HttpDownload(HttpClient http, EnvProxy proxy, Duration connectTimeout, Duration readTimeout,
      int retries, PrintWriter progress, boolean interactive) {
    this.http = http;
    this.proxy = proxy;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.retries = retries;
    this.progress = progress;
    this.interactive = interactive;
  }

  /** Downloads {@code url} onto {@code target} (whole, or not at all); {@code label} for progress. */
  void fetch(String url, Path target, String label) throws FetchFailure, InterruptedException {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      throw new FetchFailure("cannot create " + target.getParent() + ": " + e.getMessage());
    }
    boolean restarted = false;
    for (int attempt = 0; ; attempt++) {
      long before = size(part);
      try {
        attempt(url, part, label);
        break;
      } catch (Resumable e) {
        if (e.restart && !restarted) {
          restarted = true;
          attempt--;
          continue;
        }
        if (attempt >= retries || size(part) <= before) {
          throw new FetchFailure(e.getMessage() + " (" + url + describeProxy(url)
              + "); run again to resume from " + ProgressBar.Unit.BYTES.amount(size(part)));
        }
        if (progress != null) {
          progress.println(label + ": " + e.getMessage() + "; resuming");
          progress.flush();
        }
      }
    }
    try {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new FetchFailure("cannot move " + part + " onto " + target + ": " + e.getMessage());
    }
  }

  /** A failure after which the {@code .part} is a sound prefix to resume from. */
  private static final class Resumable extends Exception {
    /** The {@code .part} was dropped: start over once, without counting it as a retry. */
    final boolean restart;

    Resumable(String message) {
      this(message, false);
    }

    Resumable(String message, boolean restart) {
      super(message, null, false, false);
      this.restart = restart;
    }
  }

  private static long size(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private String describeProxy(String url) {
    return proxy == null ? "" : proxy.describe(URI.create(url));
  }

  private void attempt(String url, Path part, String label)
      throws FetchFailure, Resumable, InterruptedException {
    long have = size(part);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET()
        .header("User-Agent", "slash-repro-fetch-data");
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    AtomicLong activity = new AtomicLong(System.nanoTime());
    AtomicReference<FileSink> sink = new AtomicReference<>();
    AtomicReference<String> refusal = new AtomicReference<>();
    HttpResponse.BodyHandler<Long> handler = info -> {
      activity.set(System.nanoTime());
      int status = info.statusCode();
      try {
        if (status == 206 && have > 0) {
          long[] range = contentRange(info.headers());
          if (range == null || range[0] != have) {
            refusal.set("the server answered Range: bytes=" + have + "- with Content-Range "
                + info.headers().firstValue("Content-Range").orElse("(none)"));
            return discard();
          }
          FileSink s = new FileSink(part, true, have, range[1], label, activity);
          sink.set(s);
          return s;
        }
        if (status == 200) {
          long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
          FileSink s = new FileSink(part, false, 0, length, label, activity);
          sink.set(s);
          return s;
        }
        refusal.set(status == 416 ? "416" : "HTTP " + status);
        return discard();
      } catch (IOException e) {
        refusal.set("cannot write " + part + ": " + e.getMessage());
        return discard();
      }
    };
    CompletableFuture<HttpResponse<Long>> response = http.sendAsync(request.build(), handler);
    long limit = readTimeout.toNanos();
    try {
      while (true) {
        try {
          response.get(Math.min(100, Math.max(10, readTimeout.toMillis() / 10)),
              TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException notYet) {
          if (System.nanoTime() - activity.get() > limit) {
            FileSink s = sink.get();
            response.cancel(true);
            if (s != null) {
              s.cancel();
              throw new Resumable(String.format(Locale.ROOT, "download stalled: no data for %s "
                  + "(read time-out) after %s", seconds(readTimeout), s.done()));
            }
            throw new FetchFailure(String.format(Locale.ROOT, "download failed: no response "
                + "within %s (read time-out) (%s%s)", seconds(readTimeout), url,
                describeProxy(url)));
          }
        }
      }
    } catch (ExecutionException e) {
      FileSink s = sink.get();
      if (s != null && s.written() > 0) {
        throw new Resumable("connection lost after " + s.done() + ": " + reason(e.getCause()));
      }
      throw new FetchFailure("download failed: " + reason(e.getCause()) + " (" + url
          + describeProxy(url) + ")");
    } catch (InterruptedException e) {
      response.cancel(true);
      FileSink s = sink.get();
      if (s != null) {
        s.cancel();
      }
      throw e;
    }
    String refused = refusal.get();
    if ("416".equals(refused)) {
      // the .part is as long as the file or longer: start over
      deleteQuietly(part);
      throw new Resumable("the server refused to resume (HTTP 416)", true);
    }
    if (refused != null && refused.startsWith("the server answered Range")) {
      deleteQuietly(part);
      throw new FetchFailure("download failed: " + refused + " (" + url + "); the partial "
          + "download was removed, run again to start over");
    }
    if (refused != null) {
      throw new FetchFailure("download failed: " + refused + " (" + url + describeProxy(url)
          + ")");
    }
    FileSink s = sink.get();
    if (s.expected() >= 0 && s.position() != s.expected()) {
      throw new Resumable("the connection closed after " + s.done());
    }
    s.finish();
  }

  private static HttpResponse.BodySubscriber<Long> discard() {
    return HttpResponse.BodySubscribers.replacing(-1L);
  }

  /** {@code Content-Range: bytes first-last/total}: {first, total (or last + 1)}, or null. */
  static long[] contentRange(HttpHeaders headers) {
    String value = headers.firstValue("Content-Range").orElse(null);
    if (value == null) {
      return null;
    }
    Matcher m = CONTENT_RANGE.matcher(value.strip());
    if (!m.matches()) {
      return null;
    }
    long first = Long.parseLong(m.group(1));
    long total = m.group(3).equals("*") ? Long.parseLong(m.group(2)) + 1
        : Long.parseLong(m.group(3));
    return new long[] {first, total};
  }

  private String seconds(Duration d) {
    double s = d.toMillis() / 1000.0;
    return s == Math.rint(s) ? String.format(Locale.ROOT, "%d s", (long) s)
        : String.format(Locale.ROOT, "%.1f s", s);
  }

  /** An exception as a few words a user can act on. */
  private String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "connect timed out after " + seconds(connectTimeout);
      }
      if (t instanceof UnresolvedAddressException
          || t instanceof java.net.UnknownHostException) {
        return "cannot resolve the host (no network or no DNS?)";
      }
      if (t instanceof SSLException) {
        return "TLS failed: " + t.getMessage();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        // the JDK's client says "ConnectException: null" (cause ClosedChannelException)
        return t.getMessage() == null || t.getMessage().toLowerCase(Locale.ROOT)
            .contains("refused") ? "connection refused" : t.getMessage().strip();
      }
      if (t instanceof HttpTimeoutException) {
        return "timed out";
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName()
        : message.strip();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the next run overwrites it
    }
  }

  /** Writes the body onto the {@code .part} file as it arrives, and shows progress. */
  private final class FileSink implements BodySubscriber<Long> {
    private final CompletableFuture<Long> body = new CompletableFuture<>();
    private final FileChannel channel;
    private final long expected;
    private final AtomicLong activity;
    private final ProgressBar bar;
    private final AtomicLong position;
    private final long start;
    private volatile Flow.Subscription subscription;

    FileSink(Path part, boolean append, long start, long expected, String label,
        AtomicLong activity) throws IOException {
      this.channel = append
          ? FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
          : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      this.start = start;
      this.position = new AtomicLong(start);
      this.expected = expected;
      this.activity = activity;
      this.bar = new ProgressBar(label + (start > 0 ? " (resumed)" : ""), start, expected,
          ProgressBar.Unit.BYTES, progress == null ? ProgressView.none()
              : interactive ? ProgressView.redrawn(progress) : ProgressView.lines(progress));
    }

    long expected() {
      return expected;
    }

    long position() {
      return position.get();
    }

    long written() {
      return position.get() - start;
    }

    String done() {
      return ProgressBar.Unit.BYTES.amount(position.get())
          + (expected >= 0 ? " of " + ProgressBar.Unit.BYTES.amount(expected) : "");
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      try {
        for (ByteBuffer buffer : buffers) {
          while (buffer.hasRemaining()) {
            position.addAndGet(channel.write(buffer));
          }
        }
        activity.set(System.nanoTime());
        bar.set(position.get(), "");
        subscription.request(1);
      } catch (IOException e) {
        subscription.cancel();
        close();
        body.completeExceptionally(e);
      }
    }

    @Override
    public void onError(Throwable t) {
      close();
      finish("interrupted");
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      try {
        channel.force(true);
      } catch (IOException e) {
        body.completeExceptionally(e);
      }
      close();
      body.complete(position.get());
    }

    void finish() {
      finish("");
    }

    /** The bar's last line: where it stopped, and why when it did not finish. */
    private void finish(String status) {
      bar.set(position.get(), status);
      bar.close();
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      close();
      finish("stalled");
    }

    private void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the bytes written so far are on disk; the .part is checked by size on resume
      }
    }

    @Override
    public CompletionStage<Long> getBody() {
      return body;
    }
  }
}
