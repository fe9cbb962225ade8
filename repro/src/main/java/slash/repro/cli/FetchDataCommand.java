package slash.repro.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import slash.core.data.Task;
import slash.repro.data.DataFetcher;
import slash.repro.data.DataSource;

/** {@code slash fetch-data}: GLUE and CoNLL-2003 from their public sources. */
@Command(name = "fetch-data", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Download GLUE and CoNLL-2003 from their public sources, checking the "
        + "SHA-256 sums it knows, and say which tasks are still missing.")
final class FetchDataCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = "data/glue",
      description = "where to put the task folders (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--tasks", split = ",", converter = Converters.TaskConverter.class,
      description = "only these tasks (default: all)")
  List<Task> tasks;

  @Option(names = "--mirror", description = "a mirror URL that serves the same archive names")
  String mirror;

  @Override
  public Integer call() {
    List<DataSource> sources = DataSource.all();
    if (tasks != null) {
      sources = sources.stream().filter(s -> tasks.contains(s.task())).toList();
    }
    var outcomes = new DataFetcher(data, mirror).fetch(sources);
    outcomes.forEach(r -> System.out.printf(Locale.ROOT, "%-11s %s%n", r.task(), r.message()));
    long missing = outcomes.stream().filter(r -> !r.ok()).count();
    System.out.println(missing == 0 ? "all tasks in " + data
        : missing + " of " + outcomes.size() + " tasks missing in " + data
            + " (their table cells will say \"no data\")");
    return 0;
  }
}
