package dev.errand.core.internal;

import dev.errand.core.RedisSettings.Mode;
import dev.errand.core.SettingsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code REDIS_URL}: which kind of deployment, where its servers are, and how to log in.
 *
 * <p>{@code java.net.URI} cannot read several hosts in one authority, which the Sentinel and
 * Cluster forms need, so the URL is taken apart here. Every error names {@code REDIS_URL}, shows
 * the value without its password and lists the accepted forms.
 *
 * @param mode standalone, Sentinel or Cluster
 * @param tls whether connections use TLS ({@code rediss}, {@code rediss-sentinel}, {@code
 *     rediss-cluster})
 * @param hosts the servers given: one for standalone, the sentinels, or the cluster's seed nodes
 * @param username the user, or null
 * @param password the password, or null
 * @param database the database number (standalone and Sentinel only)
 * @param masterName the Sentinel master's name, or null
 */
public record RedisEndpoints(
    Mode mode,
    boolean tls,
    List<HostAndPort> hosts,
    String username,
    String password,
    int database,
    String masterName) {

  /** The URL forms REDIS_URL accepts, for error messages. */
  public static final String ALLOWED =
      "redis://[[user]:password@]host[:port][/database] (one server; rediss:// for TLS),"
          + " redis-sentinel://[[user]:password@]host[:port][,host[:port]...][/database]#master"
          + " (Sentinel; rediss-sentinel:// for TLS), or"
          + " redis-cluster://[[user]:password@]host[:port][,host[:port]...] (Redis Cluster seed"
          + " nodes; rediss-cluster:// for TLS)";

  private static final Map<String, Mode> SCHEMES =
      Map.of(
          "redis", Mode.STANDALONE,
          "rediss", Mode.STANDALONE,
          "redis-sentinel", Mode.SENTINEL,
          "rediss-sentinel", Mode.SENTINEL,
          "redis-cluster", Mode.CLUSTER,
          "rediss-cluster", Mode.CLUSTER);

  private static final Map<Mode, Integer> DEFAULT_PORTS =
      Map.of(Mode.STANDALONE, 6379, Mode.SENTINEL, 26379, Mode.CLUSTER, 6379);

  /** One server's address. */
  public record HostAndPort(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public RedisEndpoints {
    hosts = List.copyOf(hosts);
  }

  /** Parses {@code url}, or throws a {@link SettingsException} naming REDIS_URL. */
  public static RedisEndpoints parse(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0 || !SCHEMES.containsKey(url.substring(0, schemeEnd))) {
      throw invalid(url, "");
    }
    String scheme = url.substring(0, schemeEnd);
    Mode mode = SCHEMES.get(scheme);
    String rest = url.substring(schemeEnd + 3);
    String masterName = null;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      masterName = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    int slash = rest.indexOf('/');
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String username = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      username = colon < 0 ? null : emptyToNull(userInfo.substring(0, colon));
      password = colon < 0 ? emptyToNull(userInfo) : emptyToNull(userInfo.substring(colon + 1));
    }
    List<HostAndPort> hosts = hosts(url, authority, DEFAULT_PORTS.get(mode));
    if (mode == Mode.STANDALONE && hosts.size() > 1) {
      throw invalid(url, " (one host only; for several use redis-sentinel:// or redis-cluster://)");
    }
    int database = database(url, path, mode);
    if (mode == Mode.SENTINEL && (masterName == null || masterName.isBlank())) {
      throw invalid(url, " (Sentinel needs the master's name after #)");
    }
    if (mode != Mode.SENTINEL && masterName != null) {
      throw invalid(url, " (#" + masterName + " names a Sentinel master: use redis-sentinel://)");
    }
    return new RedisEndpoints(
        mode, scheme.startsWith("rediss"), hosts, username, password, database, masterName);
  }

  private static List<HostAndPort> hosts(String url, String authority, int defaultPort) {
    if (authority.isBlank()) {
      throw invalid(url, " (the host is missing)");
    }
    List<HostAndPort> hosts = new ArrayList<>();
    for (String part : authority.split(",", -1)) {
      hosts.add(hostAndPort(url, part.strip(), defaultPort));
    }
    return hosts;
  }

  private static HostAndPort hostAndPort(String url, String part, int defaultPort) {
    String host = part;
    int port = defaultPort;
    int colon = part.lastIndexOf(':');
    boolean bracketed = part.startsWith("[");
    if (colon >= 0 && (!bracketed || colon > part.indexOf(']'))) {
      host = part.substring(0, colon);
      String digits = part.substring(colon + 1);
      if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
        throw invalid(url, " (the port of '" + part + "' must be a number)");
      }
      port = Integer.parseInt(digits);
      if (port < 1 || port > 65535) {
        throw invalid(url, " (the port of '" + part + "' must be 1 to 65535)");
      }
    }
    if (bracketed) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isBlank() || !host.chars().allMatch(RedisEndpoints::hostCharacter)) {
      throw invalid(url, " (the host is missing or malformed in '" + part + "')");
    }
    return new HostAndPort(host, port);
  }

  private static boolean hostCharacter(int c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':';
  }

  private static int database(String url, String path, Mode mode) {
    if (path.isEmpty()) {
      return 0;
    }
    if (mode == Mode.CLUSTER) {
      throw invalid(url, " (Redis Cluster has only database 0: drop /" + path + ")");
    }
    if (path.length() > 5 || !path.chars().allMatch(Character::isDigit)) {
      throw invalid(url, " (the database must be a number)");
    }
    return Integer.parseInt(path);
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private static SettingsException invalid(String url, String why) {
    return new SettingsException("REDIS_URL", redact(url), ALLOWED + why);
  }

  /** The URL with any password replaced by {@code ***}, fit for logs and error messages. */
  public static String redact(String url) {
    int at = url.lastIndexOf('@');
    int schemeEnd = url.indexOf("://");
    if (at < 0 || schemeEnd < 0 || at < schemeEnd) {
      return url;
    }
    String userInfo = url.substring(schemeEnd + 3, at);
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? "" : userInfo.substring(0, colon);
    return url.substring(0, schemeEnd + 3) + user + ":***" + url.substring(at);
  }
}
