package dev.errand.devtools;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import java.util.Map;

/**
 * How the dashboard runs. It is off unless {@code DEVTOOLS_ENABLED} is true, and when on it needs a
 * token of at least {@value #MIN_TOKEN_LENGTH} characters.
 *
 * @param enabled {@code DEVTOOLS_ENABLED} (default false): whether the dashboard is served at all
 * @param token {@code DEVTOOLS_TOKEN} (required when enabled): the secret every request must carry,
 *     as {@code Authorization: Bearer <token>} or once in the page's {@code ?token=} link
 * @param port {@code DEVTOOLS_PORT} (default {@value #DEFAULT_PORT}): the port to listen on; 0
 *     picks a free one
 * @param bind {@code DEVTOOLS_BIND} (default {@value #DEFAULT_BIND}): the address to listen on;
 *     anything other than loopback exposes the dashboard to the network
 */
public record DevToolsSettings(boolean enabled, String token, int port, String bind) {

  /** The shortest token accepted: long enough that guessing it over HTTP is hopeless. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public static final int DEFAULT_PORT = 9090;
  public static final String DEFAULT_BIND = "127.0.0.1";

  public DevToolsSettings {
    if (port < 0 || port > 65_535) {
      throw new SettingsException("DEVTOOLS_PORT", String.valueOf(port), "0 to 65535");
    }
    if (bind == null || bind.isBlank()) {
      throw new SettingsException("DEVTOOLS_BIND", String.valueOf(bind), "an address or host name");
    }
    if (enabled) {
      checkToken(token);
    }
  }

  /** Reads the {@code DEVTOOLS_*} settings. */
  public static DevToolsSettings from(Settings settings) {
    boolean enabled = settings.bool("DEVTOOLS_ENABLED", false);
    return new DevToolsSettings(
        enabled,
        settings.get("DEVTOOLS_TOKEN").orElse(null),
        settings.integer("DEVTOOLS_PORT", DEFAULT_PORT, 0, 65_535),
        settings.string("DEVTOOLS_BIND", DEFAULT_BIND));
  }

  /** Reads the {@code DEVTOOLS_*} environment variables (or system properties). */
  public static DevToolsSettings fromEnv() {
    return from(Settings.fromEnv());
  }

  /** The defaults: the dashboard switched off, so the adapter serves nothing. */
  public static DevToolsSettings defaults() {
    return from(Settings.of(Map.of()));
  }

  /** The dashboard switched on with {@code token}, on a free port of 127.0.0.1 (for tests). */
  public static DevToolsSettings enabledWithToken(String token) {
    return new DevToolsSettings(true, token, 0, DEFAULT_BIND);
  }

  public DevToolsSettings withPort(int value) {
    return new DevToolsSettings(enabled, token, value, bind);
  }

  public DevToolsSettings withBind(String value) {
    return new DevToolsSettings(enabled, token, port, value);
  }

  /** Keeps the token out of logs and error reports. */
  @Override
  public String toString() {
    return "DevToolsSettings[enabled="
        + enabled
        + ", token="
        + (token == null ? "unset" : "<" + token.length() + " characters>")
        + ", port="
        + port
        + ", bind="
        + bind
        + "]";
  }

  private static void checkToken(String token) {
    if (token == null || token.isBlank()) {
      throw new SettingsException(
          "DEVTOOLS_TOKEN",
          "is required when DEVTOOLS_ENABLED is true; set it to a random secret of at least "
              + MIN_TOKEN_LENGTH
              + " characters (for example the output of: openssl rand -hex 24)");
    }
    if (token.strip().length() < MIN_TOKEN_LENGTH) {
      // The value itself is a secret: name its length, never the text.
      throw new SettingsException(
          "DEVTOOLS_TOKEN",
          "is "
              + token.strip().length()
              + " characters long; use at least "
              + MIN_TOKEN_LENGTH
              + " (for example the output of: openssl rand -hex 24)");
    }
  }
}
