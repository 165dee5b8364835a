package dev.errand.mailer;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mailer's configuration, read from {@code MAIL_*} settings.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>Setting</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>MAIL_ENABLED</td><td>true</td><td>false logs each mail as a dry run and sends
 *       nothing</td></tr>
 *   <tr><td>MAIL_PROVIDER</td><td>console</td><td>console, smtp, http or capture</td></tr>
 *   <tr><td>MAIL_FROM</td><td>Errand &lt;noreply@localhost&gt;</td><td>default sender</td></tr>
 *   <tr><td>MAIL_SMTP_HOST</td><td>(required for smtp)</td><td>SMTP server</td></tr>
 *   <tr><td>MAIL_SMTP_PORT</td><td>25, 587 or 465 by MAIL_SMTP_TLS</td><td>SMTP port</td></tr>
 *   <tr><td>MAIL_SMTP_USERNAME / MAIL_SMTP_PASSWORD</td><td>(none)</td><td>SMTP login</td></tr>
 *   <tr><td>MAIL_SMTP_TLS</td><td>starttls</td><td>none, starttls (required) or implicit</td></tr>
 *   <tr><td>MAIL_SMTP_TRUSTED_HOSTS</td><td>(none)</td><td>hosts whose self-signed certificate
 *       is accepted unverified</td></tr>
 *   <tr><td>MAIL_CONNECT_TIMEOUT</td><td>10s</td><td>SMTP and HTTP connect timeout</td></tr>
 *   <tr><td>MAIL_READ_TIMEOUT</td><td>30s</td><td>SMTP read/write and HTTP response
 *       timeout</td></tr>
 *   <tr><td>MAIL_HTTP_URL</td><td>https://api.resend.com/emails</td><td>Resend-compatible
 *       endpoint</td></tr>
 *   <tr><td>MAIL_HTTP_API_KEY</td><td>(required for http)</td><td>bearer key</td></tr>
 *   <tr><td>MAIL_HTTP_MAX_RETRIES</td><td>3</td><td>retries after 429, 5xx or an I/O
 *       error</td></tr>
 *   <tr><td>MAIL_HTTP_BACKOFF</td><td>500ms</td><td>first retry delay, doubled each
 *       retry</td></tr>
 *   <tr><td>MAIL_HTTP_MAX_RETRY_DELAY</td><td>30s</td><td>longest wait; a longer Retry-After
 *       fails at once (retryable)</td></tr>
 *   <tr><td>MAIL_MAX_ATTACHMENT_BYTES</td><td>10485760</td><td>total attachment size per
 *       mail</td></tr>
 *   <tr><td>MAIL_TEMPLATES</td><td>mail</td><td>classpath folder of templates</td></tr>
 * </table>
 *
 * <p>A missing value the chosen provider needs fails with a {@link SettingsException} naming it.
 * {@link #toString()} never shows the password or API key.
 */
public record MailerSettings(
    boolean enabled,
    Provider provider,
    MailAddress from,
    Smtp smtp,
    Http http,
    Duration connectTimeout,
    Duration readTimeout,
    long maxAttachmentBytes,
    String templates) {

  /** Which provider delivers mail. */
  public enum Provider {
    /** Logs each mail readably and sends nothing: the development default. */
    CONSOLE,
    /** An SMTP server, through Jakarta Mail (Eclipse Angus). */
    SMTP,
    /** A Resend-compatible JSON API. */
    HTTP,
    /** Keeps mail in memory for tests: see {@link CaptureMailer}. */
    CAPTURE
  }

  /** How the SMTP connection is secured. */
  public enum Tls {
    /** Plain text; only for local relays and test servers. */
    NONE,
    /** Upgrade with STARTTLS, and refuse servers that do not offer it. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    IMPLICIT
  }

  /**
   * SMTP connection settings.
   *
   * @param trustedHosts hosts whose TLS certificate is accepted without verification (an internal
   *     relay with a self-signed certificate); empty means every certificate is verified
   */
  public record Smtp(
      String host,
      int port,
      Tls tls,
      Optional<String> username,
      Optional<String> password,
      Set<String> trustedHosts) {

    public Smtp {
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      trustedHosts = Set.copyOf(trustedHosts);
    }

    /** Settings that verify every certificate. */
    public Smtp(
        String host, int port, Tls tls, Optional<String> username, Optional<String> password) {
      this(host, port, tls, username, password, Set.of());
    }

    @Override
    public String toString() {
      return "Smtp[host="
          + host
          + ", port="
          + port
          + ", tls="
          + tls
          + ", username="
          + username.orElse("(none)")
          + ", password="
          + (password.isPresent() ? "****" : "(none)")
          + (trustedHosts.isEmpty() ? "" : ", trustedHosts=" + trustedHosts)
          + "]";
    }
  }

  /** HTTP API settings. */
  public record Http(
      URI url, Optional<String> apiKey, int maxRetries, Duration backoff, Duration maxRetryDelay) {

    public Http {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String toString() {
      return "Http[url="
          + url
          + ", apiKey="
          + (apiKey.isPresent() ? "****" : "(none)")
          + ", maxRetries="
          + maxRetries
          + ", backoff="
          + backoff
          + ", maxRetryDelay="
          + maxRetryDelay
          + "]";
    }
  }

  public static final String DEFAULT_FROM = "Errand <noreply@localhost>";
  public static final String DEFAULT_HTTP_URL = "https://api.resend.com/emails";
  public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;

  public MailerSettings {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(smtp, "smtp");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(templates, "templates");
  }

  /** The defaults: the console provider, sending from {@value #DEFAULT_FROM}. */
  public static MailerSettings defaults() {
    return from(Settings.of(Map.of()));
  }

  /** Settings from the environment and system properties. */
  public static MailerSettings fromEnv() {
    return from(Settings.fromEnv());
  }

  /** Settings from the given source; fails naming the first setting that is missing or bad. */
  public static MailerSettings from(Settings s) {
    Provider provider = s.choice("MAIL_PROVIDER", Provider.class, Provider.CONSOLE);
    MailAddress from = sender(s.string("MAIL_FROM", DEFAULT_FROM));
    return new MailerSettings(
        s.bool("MAIL_ENABLED", true),
        provider,
        from,
        smtp(s, provider == Provider.SMTP),
        http(s, provider == Provider.HTTP),
        positive(s, "MAIL_CONNECT_TIMEOUT", Duration.ofSeconds(10)),
        positive(s, "MAIL_READ_TIMEOUT", Duration.ofSeconds(30)),
        s.longValue(
            "MAIL_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_ATTACHMENT_BYTES, 0, Integer.MAX_VALUE),
        templatePrefix(s.string("MAIL_TEMPLATES", "mail")));
  }

  /** These settings with another provider. */
  public MailerSettings withProvider(Provider provider) {
    return new MailerSettings(
        enabled,
        provider,
        from,
        smtp,
        http,
        connectTimeout,
        readTimeout,
        maxAttachmentBytes,
        templates);
  }

  private static Smtp smtp(Settings s, boolean chosen) {
    Tls tls = s.choice("MAIL_SMTP_TLS", Tls.class, Tls.STARTTLS);
    String host =
        chosen
            ? s.required("MAIL_SMTP_HOST", "the SMTP server's host name, as MAIL_PROVIDER=smtp")
            : s.string("MAIL_SMTP_HOST", "localhost");
    int defaultPort =
        switch (tls) {
          case NONE -> 25;
          case STARTTLS -> 587;
          case IMPLICIT -> 465;
        };
    Optional<String> username = s.get("MAIL_SMTP_USERNAME");
    Optional<String> password = s.get("MAIL_SMTP_PASSWORD");
    if (chosen && username.isPresent() && password.isEmpty()) {
      throw new SettingsException(
          "MAIL_SMTP_PASSWORD", "is required when MAIL_SMTP_USERNAME is set");
    }
    Set<String> trusted =
        Arrays.stream(s.string("MAIL_SMTP_TRUSTED_HOSTS", "").split("[,\\s]+"))
            .filter(h -> !h.isBlank())
            .collect(Collectors.toSet());
    if (trusted.contains("*")) {
      throw new SettingsException(
          "MAIL_SMTP_TRUSTED_HOSTS",
          "*",
          "host names; trusting every host would disable TLS" + " verification entirely");
    }
    return new Smtp(
        host, s.integer("MAIL_SMTP_PORT", defaultPort, 1, 65535), tls, username, password, trusted);
  }

  private static Http http(Settings s, boolean chosen) {
    String rawUrl = s.string("MAIL_HTTP_URL", DEFAULT_HTTP_URL);
    URI url;
    try {
      url = URI.create(rawUrl);
    } catch (IllegalArgumentException e) {
      throw new SettingsException("MAIL_HTTP_URL", rawUrl, "an http or https URL");
    }
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())
        || url.getHost() == null) {
      throw new SettingsException("MAIL_HTTP_URL", rawUrl, "an http or https URL");
    }
    Optional<String> apiKey =
        chosen
            ? Optional.of(
                s.required("MAIL_HTTP_API_KEY", "the API's bearer key, as" + " MAIL_PROVIDER=http"))
            : s.get("MAIL_HTTP_API_KEY");
    return new Http(
        url,
        apiKey,
        s.integer("MAIL_HTTP_MAX_RETRIES", 3, 0, 10),
        positive(s, "MAIL_HTTP_BACKOFF", Duration.ofMillis(500)),
        positive(s, "MAIL_HTTP_MAX_RETRY_DELAY", Duration.ofSeconds(30)));
  }

  private static Duration positive(Settings s, String name, Duration defaultValue) {
    Duration value = s.duration(name, defaultValue);
    if (value.isZero()) {
      throw new SettingsException(name, "0", "a duration above zero, e.g. 500ms or 10s");
    }
    return value;
  }

  private static MailAddress sender(String value) {
    try {
      return MailAddress.parse(value);
    } catch (InvalidMailException e) {
      throw new SettingsException(
          "MAIL_FROM",
          value,
          "an address such as" + " 'Acme <noreply@acme.com>' (" + e.reason() + ")");
    }
  }

  private static String templatePrefix(String value) {
    String prefix = value.replaceAll("^/+|/+$", "");
    if (prefix.contains("..")) {
      throw new SettingsException("MAIL_TEMPLATES", value, "a classpath folder such as mail");
    }
    return prefix;
  }
}
