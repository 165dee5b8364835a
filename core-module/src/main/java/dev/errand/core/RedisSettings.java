package dev.errand.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how the shared Redis client connects.
 *
 * <p>{@code REDIS_URL} takes {@code redis://[[user]:password@]host[:port][/database]}, or {@code
 * rediss://} for TLS. The URL is checked when the settings are read, and errors about it never
 * repeat the password.
 *
 * @param url the Redis URL (default {@code redis://127.0.0.1:6379})
 * @param connectTimeout how long a connection attempt may take ({@code REDIS_CONNECT_TIMEOUT},
 *     default 5s)
 * @param commandTimeout how long a command may take before it fails ({@code REDIS_COMMAND_TIMEOUT},
 *     default 10s)
 */
public record RedisSettings(String url, Duration connectTimeout, Duration commandTimeout) {

  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
  private static final Set<String> SCHEMES = Set.of("redis", "rediss");

  public RedisSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    checkUrl(url);
  }

  /** Reads {@code REDIS_URL}, {@code REDIS_CONNECT_TIMEOUT} and {@code REDIS_COMMAND_TIMEOUT}. */
  public static RedisSettings from(Settings settings) {
    return new RedisSettings(
        settings.string("REDIS_URL", DEFAULT_URL),
        settings.duration("REDIS_CONNECT_TIMEOUT", Duration.ofSeconds(5)),
        settings.duration("REDIS_COMMAND_TIMEOUT", Duration.ofSeconds(10)));
  }

  public static RedisSettings fromEnv() {
    return from(Settings.fromEnvironment());
  }

  /** The defaults with another URL. */
  public static RedisSettings of(String url) {
    return new RedisSettings(url, Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /** The URL with any password replaced by {@code ***}, fit for logs and error messages. */
  public String redactedUrl() {
    return redact(url);
  }

  static String redact(String url) {
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

  private static void checkUrl(String url) {
    String allowed = "redis://[[user]:password@]host[:port][/database] or rediss://... for TLS";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new SettingsException("REDIS_URL", redact(url), allowed);
    }
    if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme())) {
      throw new SettingsException("REDIS_URL", redact(url), allowed);
    }
    if (uri.getHost() == null) {
      throw new SettingsException("REDIS_URL", redact(url), allowed + " (the host is missing)");
    }
    String path = uri.getPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      String database = path.substring(1);
      if (!database.chars().allMatch(Character::isDigit) || database.length() > 5) {
        throw new SettingsException(
            "REDIS_URL", redact(url), allowed + " (the database must be a number)");
      }
    }
  }
}
