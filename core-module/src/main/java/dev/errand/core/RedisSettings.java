package dev.errand.core;

import dev.errand.core.internal.RedisEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the shared Redis client connects.
 *
 * <p>{@code REDIS_URL} chooses the deployment:
 *
 * <ul>
 *   <li>{@code redis://[[user]:password@]host[:port][/database]}: one server ({@code rediss://} for
 *       TLS);
 *   <li>{@code redis-sentinel://[[user]:password@]host[:port][,host[:port]...][/database]#master}:
 *       the sentinels that know {@code master}; the client follows a failover ({@code
 *       rediss-sentinel://} for TLS);
 *   <li>{@code redis-cluster://[[user]:password@]host[:port][,host[:port]...]}: some nodes of a
 *       Redis Cluster, from which the client learns the rest ({@code rediss-cluster://} for TLS).
 * </ul>
 *
 * The URL is checked when the settings are read, and errors about it never repeat the password.
 *
 * @param url the Redis URL (default {@code redis://127.0.0.1:6379})
 * @param connectTimeout how long a connection attempt may take ({@code REDIS_CONNECT_TIMEOUT},
 *     default 5s)
 * @param commandTimeout how long a command may take before it fails ({@code REDIS_COMMAND_TIMEOUT},
 *     default 10s)
 * @param tls how TLS connections trust the server and prove the client (used by the {@code rediss}
 *     forms only)
 * @param startDegraded whether an application whose layers need Redis starts while Redis does not
 *     answer, reconnecting when it comes back ({@code REDIS_START_DEGRADED}, default false: the
 *     start fails and says why)
 */
public record RedisSettings(
    String url, Duration connectTimeout, Duration commandTimeout, Tls tls, boolean startDegraded) {

  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

  /** The kind of Redis deployment {@code REDIS_URL} names. */
  public enum Mode {
    /** One server. */
    STANDALONE,
    /** A master found through Sentinel, followed across failovers. */
    SENTINEL,
    /** A Redis Cluster: keys spread over masters by hash slot. */
    CLUSTER
  }

  /** How far a TLS client checks the server's certificate ({@code REDIS_TLS_VERIFY}). */
  public enum Verify {
    /** The certificate chain and that it names the host connected to (the default). */
    FULL,
    /** The certificate chain only, not the host name. */
    CA,
    /** Nothing: any certificate is accepted. For tests only; it gives up TLS's protection. */
    NONE
  }

  /**
   * TLS settings beyond the JVM's defaults.
   *
   * @param caCertificate PEM file of the certificate authorities to trust ({@code
   *     REDIS_TLS_CA_CERT}), or null for the JVM's trust store
   * @param clientCertificate PEM file of this client's certificate chain ({@code REDIS_TLS_CERT}),
   *     or null when the server asks for none
   * @param clientKey PEM file (PKCS#8) of the client certificate's private key ({@code
   *     REDIS_TLS_KEY})
   * @param verify how far the server's certificate is checked
   */
  public record Tls(Path caCertificate, Path clientCertificate, Path clientKey, Verify verify) {

    public Tls {
      Objects.requireNonNull(verify, "verify");
      if ((clientCertificate == null) != (clientKey == null)) {
        throw new SettingsException(
            clientCertificate == null ? "REDIS_TLS_CERT" : "REDIS_TLS_KEY",
            "REDIS_TLS_CERT and REDIS_TLS_KEY go together: set both for a client certificate, or"
                + " neither");
      }
      checkReadable("REDIS_TLS_CA_CERT", caCertificate);
      checkReadable("REDIS_TLS_CERT", clientCertificate);
      checkReadable("REDIS_TLS_KEY", clientKey);
    }

    /** The JVM's trust store, no client certificate, full verification. */
    public static Tls defaults() {
      return new Tls(null, null, null, Verify.FULL);
    }

    private static void checkReadable(String setting, Path file) {
      if (file != null && !Files.isReadable(file)) {
        throw new SettingsException(
            setting, file.toString(), "the path of a readable PEM file (this one cannot be read)");
      }
    }
  }

  public RedisSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    Objects.requireNonNull(tls, "tls");
    RedisEndpoints.parse(url);
  }

  /** Settings with the JVM's TLS defaults, failing a start while Redis does not answer. */
  public RedisSettings(String url, Duration connectTimeout, Duration commandTimeout) {
    this(url, connectTimeout, commandTimeout, Tls.defaults(), false);
  }

  /**
   * Reads {@code REDIS_URL}, {@code REDIS_CONNECT_TIMEOUT}, {@code REDIS_COMMAND_TIMEOUT}, the
   * {@code REDIS_TLS_*} settings and {@code REDIS_START_DEGRADED}.
   */
  public static RedisSettings from(Settings settings) {
    return new RedisSettings(
        settings.string("REDIS_URL", DEFAULT_URL),
        settings.duration("REDIS_CONNECT_TIMEOUT", Duration.ofSeconds(5)),
        settings.duration("REDIS_COMMAND_TIMEOUT", Duration.ofSeconds(10)),
        new Tls(
            path(settings, "REDIS_TLS_CA_CERT"),
            path(settings, "REDIS_TLS_CERT"),
            path(settings, "REDIS_TLS_KEY"),
            settings.choice("REDIS_TLS_VERIFY", Verify.class, Verify.FULL)),
        settings.bool("REDIS_START_DEGRADED", false));
  }

  /** The defaults: one server at {@value #DEFAULT_URL}, no TLS. */
  public static RedisSettings defaults() {
    return from(Settings.of(Map.of()));
  }

  public static RedisSettings fromEnv() {
    return from(Settings.fromEnv());
  }

  /** The defaults with another URL. */
  public static RedisSettings of(String url) {
    return new RedisSettings(url, Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /** The same settings with other TLS settings. */
  public RedisSettings withTls(Tls tls) {
    return new RedisSettings(url, connectTimeout, commandTimeout, tls, startDegraded);
  }

  /** The kind of deployment the URL names. */
  public Mode mode() {
    return RedisEndpoints.parse(url).mode();
  }

  /** The URL with any password replaced by {@code ***}, fit for logs and error messages. */
  public String redactedUrl() {
    return RedisEndpoints.redact(url);
  }

  private static Path path(Settings settings, String name) {
    String value = settings.string(name, "");
    return value.isBlank() ? null : Path.of(value);
  }
}
