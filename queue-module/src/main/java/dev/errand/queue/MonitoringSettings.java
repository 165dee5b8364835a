package dev.errand.queue;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What the queue layer tells the backend about itself for operators' tools (the dashboard): read
 * with {@link QueueSettings#monitoring()}.
 *
 * @param heartbeatInterval how often a process that runs workers writes its heartbeat ({@code
 *     JOBS_HEARTBEAT_INTERVAL}, default 5s)
 * @param heartbeatLease how long a heartbeat lists its process ({@code JOBS_HEARTBEAT_LEASE},
 *     default 30s, longer than the interval): a process killed without a clean stop disappears
 *     after it
 * @param historyRetention how long the per-minute history stays in the backend ({@code
 *     JOBS_HISTORY_RETENTION}, default 25h, from 1h to 30d)
 * @param appName the application's name in the list of processes ({@code ERRAND_APP_NAME}, default
 *     the main class's simple name, else {@code errand})
 */
public record MonitoringSettings(
    Duration heartbeatInterval,
    Duration heartbeatLease,
    Duration historyRetention,
    String appName) {

  private static final Duration LONGEST_RETENTION = Duration.ofDays(30);

  public MonitoringSettings {
    if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new SettingsException(
          "JOBS_HEARTBEAT_INTERVAL", String.valueOf(heartbeatInterval), "a positive duration");
    }
    if (heartbeatLease == null || heartbeatLease.compareTo(heartbeatInterval) <= 0) {
      throw new SettingsException(
          "JOBS_HEARTBEAT_LEASE",
          String.valueOf(heartbeatLease),
          "a duration longer than JOBS_HEARTBEAT_INTERVAL (" + heartbeatInterval + ")");
    }
    if (historyRetention == null
        || historyRetention.compareTo(Duration.ofHours(1)) < 0
        || historyRetention.compareTo(LONGEST_RETENTION) > 0) {
      throw new SettingsException(
          "JOBS_HISTORY_RETENTION", String.valueOf(historyRetention), "a duration from 1h to 30d");
    }
    if (appName == null || appName.isBlank()) {
      throw new SettingsException("ERRAND_APP_NAME", String.valueOf(appName), "a non-blank name");
    }
  }

  /** Read from the environment, as the other settings types are. */
  public static MonitoringSettings fromEnv() {
    return from(Settings.fromEnv());
  }

  /** The defaults, with nothing configured. */
  public static MonitoringSettings defaults() {
    return from(Settings.of(Map.of()));
  }

  public static MonitoringSettings from(Settings settings) {
    return new MonitoringSettings(
        settings.duration("JOBS_HEARTBEAT_INTERVAL", Duration.ofSeconds(5)),
        settings.duration("JOBS_HEARTBEAT_LEASE", Duration.ofSeconds(30)),
        settings.duration("JOBS_HISTORY_RETENTION", Duration.ofHours(25)),
        settings.string("ERRAND_APP_NAME", defaultAppName()));
  }

  /** The main class's simple name (or the jar's name), else {@code errand}. */
  static String defaultAppName() {
    String command = System.getProperty("sun.java.command", "").strip();
    if (command.isEmpty()) {
      return "errand";
    }
    String main = command.split("\\s+")[0];
    if (main.toLowerCase(Locale.ROOT).endsWith(".jar")) {
      String file = main.substring(Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1);
      return file.substring(0, file.length() - 4);
    }
    String simple = main.substring(main.lastIndexOf('.') + 1);
    return simple.isBlank() ? "errand" : simple;
  }
}
