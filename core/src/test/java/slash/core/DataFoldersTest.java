package slash.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.data.DataFolders;

/** The one order data folders are taken in: --data, SLASH_DATA, data/glue, the fetch cache. */
class DataFoldersTest {
  @TempDir Path dir;

  @Test
  void takesTheFirstOfTheFourPlacesAndNothingElse() throws Exception {
    Path checkout = dir.resolve("clone");
    Path cache = dir.resolve("cache");
    Map<String, String> env = Map.of(DataFolders.CACHE_ENV, cache.toString());
    // nothing anywhere (a folder beside the checkout is never looked at)
    Files.createDirectories(dir.resolve("shared/data/glue/SST-2"));
    assertEquals(new DataFolders.Resolved(checkout.resolve("data/glue"), "default; absent"),
        DataFolders.resolve(null, checkout, env));
    // an empty cache, as an offline fetch-data leaves it, does not count
    Files.createDirectories(cache.resolve("downloads"));
    assertEquals("default; absent", DataFolders.resolve(null, checkout, env).origin());
    Files.createDirectories(cache.resolve("RTE"));
    assertEquals(new DataFolders.Resolved(cache, "the fetch-data cache"),
        DataFolders.resolve(null, checkout, env));
    Files.createDirectories(checkout.resolve("data/glue"));
    assertEquals(checkout.resolve("data/glue"), DataFolders.resolve(null, checkout, env).dir());
    Map<String, String> withData = Map.of(DataFolders.CACHE_ENV, cache.toString(),
        DataFolders.DATA_ENV, "/somewhere/glue");
    assertEquals(new DataFolders.Resolved(Path.of("/somewhere/glue"), "SLASH_DATA"),
        DataFolders.resolve(null, checkout, withData));
    assertEquals(new DataFolders.Resolved(Path.of("given"), "--data"),
        DataFolders.resolve(Path.of("given"), checkout, withData));
  }

  @Test
  void theFetchCacheFollowsXdgUnlessNamed() {
    assertEquals(Path.of("/x/slash-repro/data"),
        DataFolders.fetchCache(Map.of("XDG_CACHE_HOME", "/x")));
    assertEquals(Path.of("/c"), DataFolders.fetchCache(Map.of("XDG_CACHE_HOME", "/x",
        DataFolders.CACHE_ENV, "/c")));
    assertEquals(Path.of(System.getProperty("user.home"), ".cache", "slash-repro", "data"),
        DataFolders.fetchCache(Map.of()));
  }
}
