package dev.errand.cron;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import dev.errand.cron.spi.CronStore;
import dev.errand.queue.QueueSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the cron layer runs. Per-job switches ({@code CRON_JOB_<ID>_ENABLED}) and setting-named
 * schedules are read from the application's {@link Settings} when {@link CronAdapter} starts.
 *
 * @param enabled {@code CRON_ENABLED} (default true): false schedules nothing in this process; the
 *     status API and manual triggers still work
 * @param store {@code CRON_STORE} (default local): local, redis or jdbc, where ticks are claimed
 *     and run history is kept (the former name {@code CRON_LOCK} is still read)
 * @param staleAfter {@code CRON_STALE_AFTER} (default 1h): a run still RUNNING after this long is
 *     presumed dead; it is marked FAILURE and no longer blocks the job's next tick
 * @param historyRetention {@code CRON_HISTORY_RETENTION} (default 30d): how long run history is
 *     kept
 * @param retentionSchedule {@code CRON_HISTORY_RETENTION_SCHEDULE} (default {@code 0 3 * * *},
 *     UTC): when the built-in job {@code CronHistory.prune} deletes older history
 * @param shutdownGrace {@code CRON_SHUTDOWN_GRACE} (default 30s): how long stopping waits for
 *     running jobs before interrupting them
 * @param redisPrefix {@code CRON_REDIS_PREFIX} (default {@code <JOBS_KEY_PREFIX>:cron}, so {@code
 *     errand:cron}): the Redis key prefix of the cron store and of the schedules made at runtime
 * @param runLease {@code CRON_RUN_LEASE} (default 30s, 1s to 1h): a running run renews its lease
 *     every third of this; one not renewed for this long is presumed dead (its instance was killed
 *     or lost), is marked FAILURE and no longer blocks the job's next tick
 */
public record CronSettings(
    boolean enabled,
    Store store,
    Duration staleAfter,
    Duration historyRetention,
    String retentionSchedule,
    Duration shutdownGrace,
    String redisPrefix,
    Duration runLease) {

  public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(1);
  public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(30);
  public static final String DEFAULT_RETENTION_SCHEDULE = "0 3 * * *";
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  public static final String DEFAULT_REDIS_PREFIX = "errand:cron";
  public static final Duration DEFAULT_RUN_LEASE = Duration.ofSeconds(30);
  static final Duration MIN_RUN_LEASE = Duration.ofSeconds(1);
  static final Duration MAX_RUN_LEASE = Duration.ofHours(1);

  /** Where ticks are claimed and run history is kept: the built-in {@link CronStore}s. */
  public enum Store {
    /** In this process only: for a single instance; history is lost on restart. */
    LOCAL,
    /** In Redis, through the application's shared client: for several instances. */
    REDIS,
    /** In the bound {@code javax.sql.DataSource} (PostgreSQL or H2), for apps without Redis. */
    JDBC
  }

  public CronSettings {
    Objects.requireNonNull(store, "store");
    requirePositive("CRON_STALE_AFTER", staleAfter);
    requirePositive("CRON_HISTORY_RETENTION", historyRetention);
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (retentionSchedule == null || retentionSchedule.isBlank()) {
      throw new IllegalArgumentException("CRON_HISTORY_RETENTION_SCHEDULE must not be blank");
    }
    if (redisPrefix == null || redisPrefix.isBlank()) {
      throw new IllegalArgumentException("CRON_REDIS_PREFIX must not be blank");
    }
    Objects.requireNonNull(runLease, "runLease");
    if (runLease.compareTo(MIN_RUN_LEASE) < 0 || runLease.compareTo(MAX_RUN_LEASE) > 0) {
      throw new SettingsException(
          "CRON_RUN_LEASE",
          runLease.toMillis() + "ms",
          "a duration from 1s to 1h (in milliseconds 1000 to 3600000)");
    }
  }

  /** The defaults: enabled, local store. */
  public static CronSettings defaults() {
    return from(Settings.of(Map.of()));
  }

  public static CronSettings from(Settings settings) {
    return new CronSettings(
        settings.bool("CRON_ENABLED", true),
        settings.choice(settings.renamed("CRON_STORE", "CRON_LOCK"), Store.class, Store.LOCAL),
        settings.duration("CRON_STALE_AFTER", DEFAULT_STALE_AFTER),
        settings.duration("CRON_HISTORY_RETENTION", DEFAULT_HISTORY_RETENTION),
        settings.string("CRON_HISTORY_RETENTION_SCHEDULE", DEFAULT_RETENTION_SCHEDULE),
        settings.duration("CRON_SHUTDOWN_GRACE", DEFAULT_SHUTDOWN_GRACE),
        settings.string("CRON_REDIS_PREFIX", defaultRedisPrefix(settings)),
        settings.duration("CRON_RUN_LEASE", DEFAULT_RUN_LEASE));
  }

  /**
   * Beside the queue's keys: two applications that keep their queues apart on one Redis with their
   * own {@code JOBS_KEY_PREFIX} keep their schedules and cron runs apart too. A shared default let
   * one application's ticker add another's scheduled jobs to its own queues.
   */
  private static String defaultRedisPrefix(Settings settings) {
    String queuePrefix = settings.string("JOBS_KEY_PREFIX", QueueSettings.DEFAULT_KEY_PREFIX);
    return queuePrefix.isBlank() ? DEFAULT_REDIS_PREFIX : queuePrefix + ":cron";
  }

  public static CronSettings fromEnv() {
    return from(Settings.fromEnv());
  }

  public CronSettings withEnabled(boolean value) {
    return new CronSettings(
        value,
        store,
        staleAfter,
        historyRetention,
        retentionSchedule,
        shutdownGrace,
        redisPrefix,
        runLease);
  }

  public CronSettings withStore(Store value) {
    return new CronSettings(
        enabled,
        value,
        staleAfter,
        historyRetention,
        retentionSchedule,
        shutdownGrace,
        redisPrefix,
        runLease);
  }

  public CronSettings withStaleAfter(Duration value) {
    return new CronSettings(
        enabled,
        store,
        value,
        historyRetention,
        retentionSchedule,
        shutdownGrace,
        redisPrefix,
        runLease);
  }

  public CronSettings withShutdownGrace(Duration value) {
    return new CronSettings(
        enabled,
        store,
        staleAfter,
        historyRetention,
        retentionSchedule,
        value,
        redisPrefix,
        runLease);
  }

  public CronSettings withRedisPrefix(String value) {
    return new CronSettings(
        enabled,
        store,
        staleAfter,
        historyRetention,
        retentionSchedule,
        shutdownGrace,
        value,
        runLease);
  }

  public CronSettings withRunLease(Duration value) {
    return new CronSettings(
        enabled,
        store,
        staleAfter,
        historyRetention,
        retentionSchedule,
        shutdownGrace,
        redisPrefix,
        value);
  }

  private static void requirePositive(String setting, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be a positive duration, got " + value);
    }
  }
}
