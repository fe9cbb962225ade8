package slash.repro.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy environment variables parsed into a ProxySelector, as curl and pip read them. */
class EnvProxyTest {
  private static final URI HTTPS = URI.create("https://dl.fbaipublicfiles.com/glue/data/RTE.zip");
  private static final URI HTTP = URI.create("http://data.deepai.org/conll2003.zip");

  private static String select(Map<String, String> env, URI uri) {
    Proxy proxy = EnvProxy.from(env).select(uri).get(0);
    if (proxy.type() == Proxy.Type.DIRECT) {
      return "DIRECT";
    }
    InetSocketAddress address = (InetSocketAddress) proxy.address();
    return proxy.type() + " " + address.getHostString() + ":" + address.getPort();
  }

  @Test
  void httpsProxyWithCredentialsAndPort() {
    var env = Map.of("https_proxy", "http://alice:s3cret@proxy.corp.example:3128/");
    assertEquals("HTTP proxy.corp.example:3128", select(env, HTTPS));
    assertEquals("DIRECT", select(env, HTTP), "https_proxy is for https URLs only");
    assertEquals("alice:s3cret", EnvProxy.from(env).userInfo(HTTPS));
    assertEquals("alice:s3cret", EnvProxy.from(env).credentials());
    assertEquals("bob:pw", EnvProxy.from(Map.of("HTTP_PROXY", "http://bob:pw@web:80"))
        .credentials());
    assertEquals("http://***@proxy.corp.example:3128/",
        EnvProxy.redact("http://alice:s3cret@proxy.corp.example:3128/"));
    assertEquals(" via proxy proxy.corp.example:3128", EnvProxy.from(env).describe(HTTPS));
  }

  @Test
  void upperCaseVariablesAndHttpProxy() {
    assertEquals("HTTP squid:8080", select(Map.of("HTTPS_PROXY", "squid:8080"), HTTPS));
    assertEquals("HTTP lower:1", select(Map.of("https_proxy", "lower:1", "HTTPS_PROXY",
        "upper:2"), HTTPS), "lower case first, as curl");
    assertEquals("HTTP web:3128", select(Map.of("http_proxy", "http://web:3128"), HTTP));
    assertEquals("HTTP web:3128", select(Map.of("HTTP_PROXY", "http://web:3128"), HTTP));
    assertEquals("HTTP any:9", select(Map.of("all_proxy", "any:9"), HTTPS));
  }

  @Test
  void defaultPortsFollowTheScheme() {
    assertEquals("HTTP p:80", select(Map.of("https_proxy", "http://p"), HTTPS));
    assertEquals("HTTP p:443", select(Map.of("https_proxy", "https://p"), HTTPS));
    assertEquals("HTTP p:1080", select(Map.of("https_proxy", "p"), HTTPS));
    assertEquals("HTTP ::1:3128", select(Map.of("https_proxy", "http://[::1]:3128"), HTTPS));
  }

  @Test
  void noProxyAndLoopbackGoDirect() {
    var env = Map.of("https_proxy", "http://proxy:3128", "http_proxy", "http://proxy:3128",
        "no_proxy", "localhost, .fbaipublicfiles.com,deepai.org:443");
    assertEquals("DIRECT", select(env, HTTPS), "a .domain suffix");
    assertEquals("DIRECT", select(env, HTTP), "a domain covers its subdomains; port ignored");
    assertEquals("HTTP proxy:3128", select(env, URI.create("https://huggingface.co/x")));
    assertEquals("HTTP proxy:3128", select(env, URI.create("https://notdeepai.org/x")),
        "a suffix only at a dot");
    var noList = Map.of("https_proxy", "proxy:3128", "http_proxy", "proxy:3128");
    for (String local : new String[] {"http://127.0.0.1:8080/a", "http://localhost/a",
        "http://[::1]:9/a"}) {
      assertEquals("DIRECT", select(noList, URI.create(local)), local + ": loopback");
    }
    assertEquals("DIRECT", select(Map.of("https_proxy", "p:1", "NO_PROXY", "*"), HTTPS));
  }

  @Test
  void noVariablesMeansDirectAndAnUnusableProxyIsRefused() {
    assertEquals("DIRECT", select(Map.of(), HTTPS));
    assertEquals("DIRECT", select(Map.of("https_proxy", " "), HTTPS));
    var socks = assertThrows(IllegalArgumentException.class,
        () -> EnvProxy.from(Map.of("https_proxy", "socks5://u:pw@p:1080")));
    assertTrue(socks.getMessage().contains("only HTTP proxies"), socks.getMessage());
    assertTrue(socks.getMessage().contains("socks5://***@p:1080"), "password hidden: "
        + socks.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> EnvProxy.from(Map.of("https_proxy", "http://p:port")));
  }
}
