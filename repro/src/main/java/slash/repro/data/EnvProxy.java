package slash.repro.data;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy settings of the environment, as curl, pip and Hugging Face's {@code requests} read
 * them: {@code https_proxy} / {@code HTTPS_PROXY} for https URLs, {@code http_proxy} / {@code
 * HTTP_PROXY} for http URLs (lower case first), {@code all_proxy} / {@code ALL_PROXY} for either,
 * and {@code no_proxy} / {@code NO_PROXY}: a comma-separated list of hosts reached directly ({@code
 * example.com} and {@code .example.com} also match its subdomains, {@code *} matches every host,
 * a {@code :port} suffix is ignored). Loopback hosts (localhost, 127.x, ::1) are always reached
 * directly, as the JDK's own default {@code http.nonProxyHosts} does.
 *
 * <p>A proxy is {@code [http://][user:password@]host[:port]}; without a port, 80 for {@code
 * http://}, 443 for {@code https://}, 1080 otherwise (curl's default). Only HTTP proxies exist
 * for {@link java.net.http.HttpClient}; a {@code socks5://} proxy is refused with a message.
 */
public final class EnvProxy extends ProxySelector {
  private final Proxy https;
  private final Proxy http;
  private final String httpsSetting;
  private final String httpSetting;
  private final List<String> noProxy;

  private EnvProxy(String httpsSetting, String httpSetting, List<String> noProxy) {
    this.httpsSetting = httpsSetting;
    this.httpSetting = httpSetting;
    this.https = httpsSetting == null ? Proxy.NO_PROXY : parse(httpsSetting);
    this.http = httpSetting == null ? Proxy.NO_PROXY : parse(httpSetting);
    this.noProxy = noProxy;
  }

  /** The selector the environment describes; {@link #select} answers NO_PROXY without one. */
  public static EnvProxy from(Map<String, String> env) {
    String all = first(env, "all_proxy", "ALL_PROXY");
    String https = first(env, "https_proxy", "HTTPS_PROXY");
    String http = first(env, "http_proxy", "HTTP_PROXY");
    List<String> noProxy = new ArrayList<>();
    String list = first(env, "no_proxy", "NO_PROXY");
    if (list != null) {
      for (String host : list.split(",")) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (!h.isEmpty()) {
          noProxy.add(h);
        }
      }
    }
    return new EnvProxy(https != null ? https : all, http != null ? http : all, noProxy);
  }

  private static String first(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  /** {@code [scheme://][user:password@]host[:port][/]} as an HTTP proxy. */
  static Proxy parse(String setting) {
    String rest = setting;
    String scheme = "";
    int sep = rest.indexOf("://");
    if (sep >= 0) {
      scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
      rest = rest.substring(sep + 3);
    }
    if (!scheme.isEmpty() && !scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("proxy " + redact(setting) + ": only HTTP proxies "
          + "are supported (Java's HTTP client has no " + scheme + ")");
    }
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      rest = rest.substring(at + 1);
    }
    String host = rest;
    int port = scheme.equals("http") ? 80 : scheme.equals("https") ? 443 : 1080;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0 && !rest.endsWith("]") && (rest.startsWith("[") || rest.indexOf(':') == colon)) {
      host = rest.substring(0, colon);
      try {
        port = Integer.parseInt(rest.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("proxy " + redact(setting) + ": bad port '"
            + rest.substring(colon + 1) + "'");
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("proxy " + redact(setting) + ": no host");
    }
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
  }

  /** The proxy setting without its password, for messages. */
  static String redact(String setting) {
    return setting.replaceAll("//[^/@]*@", "//***@");
  }

  /** {@code user:password} from a proxy setting, or null. */
  static String userInfo(String setting) {
    if (setting == null) {
      return null;
    }
    String rest = setting.contains("://") ? setting.substring(setting.indexOf("://") + 3)
        : setting;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    int at = rest.lastIndexOf('@');
    return at < 0 ? null : rest.substring(0, at);
  }

  /** {@code user:password} of the https proxy, else of the http proxy, or null. */
  String credentials() {
    String https = userInfo(httpsSetting);
    return https != null ? https : userInfo(httpSetting);
  }

  /** The credentials of the proxy used for {@code scheme}, or null. */
  String userInfo(URI uri) {
    return userInfo("https".equalsIgnoreCase(uri.getScheme()) ? httpsSetting : httpSetting);
  }

  /** The proxy for a URL, for messages: "" when direct, else " via proxy host:port". */
  public String describe(URI uri) {
    Proxy proxy = select(uri).get(0);
    if (proxy.type() == Proxy.Type.DIRECT) {
      return "";
    }
    InetSocketAddress address = (InetSocketAddress) proxy.address();
    return " via proxy " + address.getHostString() + ":" + address.getPort();
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (bypassed(host)) {
      return List.of(Proxy.NO_PROXY);
    }
    return List.of("https".equalsIgnoreCase(uri.getScheme()) ? https : http);
  }

  private boolean bypassed(String host) {
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
        || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    for (String entry : noProxy) {
      String pattern = entry;
      if (pattern.equals("*")) {
        return true;
      }
      if (pattern.startsWith("[") && pattern.contains("]")) {
        pattern = pattern.substring(1, pattern.indexOf(']'));
      } else if (pattern.indexOf(':') == pattern.lastIndexOf(':') && pattern.contains(":")) {
        pattern = pattern.substring(0, pattern.indexOf(':'));
      }
      if (pattern.startsWith("*.")) {
        pattern = pattern.substring(1);
      }
      String bare = pattern.startsWith(".") ? pattern.substring(1) : pattern;
      if (host.equals(bare) || host.endsWith("." + bare)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException e) {
    // one proxy per scheme: nothing to fall back to; the download reports the failure
  }
}
