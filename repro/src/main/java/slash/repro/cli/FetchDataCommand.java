package slash.repro.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import slash.core.data.DataFolders;
import slash.core.data.Task;
import slash.repro.data.DataFetcher;
import slash.repro.data.DataSource;

/**
 * {@code slash fetch-data}: GLUE and CoNLL-2003 from their public sources into the fetch cache
 * ({@link DataFolders#fetchCache()}), as Hugging Face {@code datasets} does: one line per task,
 * on stdout when it is there, as {@code error: TASK: why} on stderr when it is not (exit 2).
 */
@Command(name = "fetch-data", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Download GLUE and CoNLL-2003 from their public sources into the fetch cache "
        + "(resuming interrupted downloads, checking every file's pinned SHA-256), and say per "
        + "task whether it is there. Exit code 2, with one 'error:' line per task, when a task "
        + "is missing or fails its checksum.",
        "Cache: $SLASH_DATA_CACHE, else $XDG_CACHE_HOME/slash-repro/data, else "
            + "~/.cache/slash-repro/data; the runs read it when there is no --data, $SLASH_DATA "
            + "or data/glue. Archives are kept in <cache>/downloads. Proxies: https_proxy, "
            + "http_proxy, no_proxy."})
final class FetchDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "the folder the task folders end up in (default: the cache)")
  Path data;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "the fetch cache: task folders (without --data) and downloads/ "
          + "(default: ${DEFAULT-VALUE})")
  Path cache = DataFolders.fetchCache();

  @Option(names = "--tasks", split = ",", converter = Converters.TaskConverter.class,
      description = "only these tasks (default: all)")
  List<Task> tasks;

  @Option(names = "--offline", description = "no network: use only what the cache holds")
  boolean offline;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "seconds without a byte before a download is given up (connect: at most "
          + "20) (default: ${DEFAULT-VALUE})")
  double timeout;

  @Option(names = "--mirror", paramLabel = "URL",
      description = "a base URL that serves the same archive names instead of their hosts")
  String mirror;

  @Override
  public Integer call() {
    if (!(timeout > 0)) {
      throw new IllegalArgumentException("--timeout must be positive, got " + timeout);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<DataSource> sources = DataSource.all().stream()
        .filter(s -> tasks == null || tasks.contains(s.task()))
        .map(s -> s.mirrored(mirror)).toList();
    Path dataDir = data != null ? data : cache;
    Duration read = Duration.ofMillis(Math.round(timeout * 1000));
    Duration connect = read.compareTo(Duration.ofSeconds(20)) < 0 ? read : Duration.ofSeconds(20);
    DataFetcher.Options options = DataFetcher.Options.of(dataDir, cache.resolve("downloads"))
        .offline(offline).timeouts(connect, read)
        .progress(err, System.console() != null);
    DataFetcher fetcher = new DataFetcher(options);
    int failed = 0;
    for (DataSource source : sources) {
      DataFetcher.Outcome outcome = fetcher.fetch(List.of(source)).get(0);
      if (outcome.ok()) {
        out.println(outcome.line());
        out.flush();
      } else {
        failed++;
        err.println("error: " + outcome.line());
        err.flush();
      }
    }
    if (data == null) {
      DataFolders.Resolved runs = DataFolders.resolve(null);
      if (runs.exists() && !same(runs.dir(), cache)) {
        out.println("note: the runs read " + runs + ", not " + cache + "; fetch into that "
            + "folder with --data " + runs.dir());
      }
    }
    return failed == 0 ? 0 : Commands.USER_ERROR;
  }

  private static boolean same(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
