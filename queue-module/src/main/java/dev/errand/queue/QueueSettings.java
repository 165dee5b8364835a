package dev.errand.queue;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import dev.errand.queue.internal.SettingReaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How the queue layer runs. Read from settings with {@link #from(Settings)}; per-queue defaults can
 * be changed in code with {@link #withQueue} and by operators with {@code JOBS_QUEUE_<QUEUE>_*}
 * settings (the queue name upper-cased, other characters as {@code _}), which win over code.
 *
 * @param enabled whether this process runs workers ({@code JOBS_ENABLED}, default true); false
 *     makes it a producer that only adds jobs
 * @param backend where jobs live ({@code JOBS_BACKEND}: memory, the default, redis, or postgres
 *     with errand-queue-postgres on the classpath; the former name {@code JOBS_PROVIDER} is still
 *     read)
 * @param queueDefaults every queue's defaults ({@code JOBS_CONCURRENCY} 10, {@code JOBS_ATTEMPTS}
 *     3, {@code JOBS_BACKOFF_TYPE} exponential, {@code JOBS_BACKOFF_DELAY} 2000 ms, {@code
 *     JOBS_TIMEOUT} none, {@code JOBS_REMOVE_ON_COMPLETE} 1000, {@code JOBS_REMOVE_ON_FAIL} 10000)
 * @param leaseDuration how long a fetched job stays leased without renewal ({@code
 *     JOBS_LEASE_DURATION}, default 30s); a crashed worker's jobs run again after it
 * @param maxStalled how many lease expiries a job survives before it is dead ({@code
 *     JOBS_MAX_STALLED}, default 1)
 * @param stalledInterval the longest an idle worker waits before it looks at its queue again while
 *     something there will fall due: a delayed job, a lease (expired leases are recovered), a
 *     rate-limit window. It also looks when that falls due ({@code JOBS_STALLED_INTERVAL}, default
 *     5s). With nothing to fall due, {@link #idleCheckInterval()} bounds the wait.
 * @param shutdownGrace how long stopping waits for running jobs before returning them to waiting
 *     ({@code JOBS_SHUTDOWN_GRACE}, default 10s)
 * @param keyPrefix the first part of every Redis key ({@code JOBS_KEY_PREFIX}, default errand)
 * @param queueOverrides per-queue changes made in code
 * @param source the settings read for {@code JOBS_QUEUE_<QUEUE>_*} overrides
 */
public record QueueSettings(
    boolean enabled,
    Backend backend,
    QueueDefaults queueDefaults,
    Duration leaseDuration,
    int maxStalled,
    Duration stalledInterval,
    Duration shutdownGrace,
    String keyPrefix,
    Map<String, UnaryOperator<QueueDefaults>> queueOverrides,
    Settings source) {

  /** Beyond it, the Redis backend's registration of an idle worker could lapse while it waits. */
  private static final Duration LONGEST_IDLE_CHECK = Duration.ofMinutes(10);

  /** Where jobs are stored: the built-in {@link dev.errand.queue.spi.QueueBackend}s. */
  public enum Backend {
    /** In this process only: nothing survives a restart. For development and tests. */
    MEMORY,
    /** In Redis, through the application's shared client. */
    REDIS,
    /**
     * In PostgreSQL tables, on the {@code DataSource} DatabaseAdapter binds; needs the
     * errand-queue-postgres artifact.
     */
    POSTGRES
  }

  /** The backoff kinds {@code JOBS_BACKOFF_TYPE} accepts. */
  public enum BackoffType {
    EXPONENTIAL,
    FIXED
  }

  public QueueSettings {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(queueDefaults, "queueDefaults");
    requirePositive(leaseDuration, "JOBS_LEASE_DURATION");
    requirePositive(stalledInterval, "JOBS_STALLED_INTERVAL");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (keyPrefix.isBlank() || keyPrefix.contains("{") || keyPrefix.contains("}")) {
      throw new SettingsException("JOBS_KEY_PREFIX", keyPrefix, "a non-blank text without braces");
    }
    queueOverrides = Map.copyOf(queueOverrides);
    Objects.requireNonNull(source, "source");
  }

  /** Reads the {@code JOBS_*} settings. */
  public static QueueSettings from(Settings settings) {
    QueueDefaults defaults =
        new QueueDefaults(
            settings.integer("JOBS_CONCURRENCY", 10, 1, 10_000),
            settings.integer("JOBS_ATTEMPTS", 3, 1, 1000),
            SettingReaders.backoff(settings, "JOBS_BACKOFF_TYPE", "JOBS_BACKOFF_DELAY", null),
            settings.duration("JOBS_TIMEOUT", null),
            SettingReaders.retention(settings, "JOBS_REMOVE_ON_COMPLETE", Retention.keepLast(1000)),
            SettingReaders.retention(settings, "JOBS_REMOVE_ON_FAIL", Retention.keepLast(10_000)));
    return new QueueSettings(
        settings.bool("JOBS_ENABLED", true),
        settings.choice(
            settings.renamed("JOBS_BACKEND", "JOBS_PROVIDER"), Backend.class, Backend.MEMORY),
        defaults,
        settings.duration("JOBS_LEASE_DURATION", Duration.ofSeconds(30)),
        settings.integer("JOBS_MAX_STALLED", 1, 0, 1000),
        settings.duration("JOBS_STALLED_INTERVAL", Duration.ofSeconds(5)),
        settings.duration("JOBS_SHUTDOWN_GRACE", Duration.ofSeconds(10)),
        settings.string("JOBS_KEY_PREFIX", DEFAULT_KEY_PREFIX),
        Map.of(),
        settings);
  }

  public static QueueSettings fromEnv() {
    return from(Settings.fromEnv());
  }

  /** The defaults for a producer and worker in this process, with nothing configured. */
  public static QueueSettings defaults() {
    return from(Settings.of(Map.of()));
  }

  /**
   * How many replicas must confirm each add and acknowledgement on Redis before it counts ({@code
   * JOBS_REDIS_REPLICA_ACKS}, 0 to 5, default 0): with 1 or more, a master failover loses no
   * acknowledged add, at the cost of a replication round trip per call.
   */
  public int redisReplicaAcks() {
    return source.integer("JOBS_REDIS_REPLICA_ACKS", 0, 0, 5);
  }

  /**
   * How long a workflow (or batch) is kept once it was added ({@code JOBS_WORKFLOW_RETENTION},
   * default 7d): after that, a process running workers deletes its bookkeeping as soon as every
   * step has finished; its steps' jobs stay in their queues under their own retention. {@code 0s}
   * deletes workflows as soon as they finish.
   */
  public Duration workflowRetention() {
    Duration keep = source.duration("JOBS_WORKFLOW_RETENTION", Duration.ofDays(7));
    if (keep.isNegative()) {
      throw new SettingsException("JOBS_WORKFLOW_RETENTION", keep.toString(), "0 or more");
    }
    return keep;
  }

  /**
   * How long an add on Redis is sent again while Redis restarts or fails over, before the add fails
   * ({@code JOBS_ADD_RETRY_WINDOW}, default 5s; 0 fails at the first error).
   */
  public Duration addRetryWindow() {
    Duration window = source.duration("JOBS_ADD_RETRY_WINDOW", Duration.ofSeconds(5));
    if (window.isNegative()) {
      throw new SettingsException("JOBS_ADD_RETRY_WINDOW", window.toString(), "0 or more");
    }
    return window;
  }

  /**
   * The longest an idle worker waits for a wake-up before it looks at its queue anyway, when
   * nothing there will fall due ({@code JOBS_IDLE_CHECK_INTERVAL}, up to 10m, default 2m). Adds,
   * retries, releases and resumes wake idle workers at once, so this only bounds what a lost
   * wake-up costs (Redis pub/sub delivers at most once), and what a job added by an older Errand,
   * which wakes nobody, waits. Each idle queue costs one look per interval, at a random point in
   * its last quarter so that many queues' looks spread out.
   */
  public Duration idleCheckInterval() {
    Duration interval = source.duration("JOBS_IDLE_CHECK_INTERVAL", Duration.ofMinutes(2));
    if (interval.isNegative() || interval.isZero() || interval.compareTo(LONGEST_IDLE_CHECK) > 0) {
      throw new SettingsException(
          "JOBS_IDLE_CHECK_INTERVAL", interval.toString(), "a positive duration up to 10m");
    }
    return interval;
  }

  /** The heartbeat, history and app-name settings. */
  public MonitoringSettings monitoring() {
    return MonitoringSettings.from(source);
  }

  /**
   * Changes one queue's defaults in code: {@code withQueue("email", d -> d.withConcurrency(5))}.
   * {@code JOBS_QUEUE_EMAIL_*} settings still win.
   */
  public QueueSettings withQueue(String queue, UnaryOperator<QueueDefaults> change) {
    QueueNames.check(queue);
    Map<String, UnaryOperator<QueueDefaults>> copy = new HashMap<>(queueOverrides);
    UnaryOperator<QueueDefaults> before = copy.get(queue);
    copy.put(queue, before == null ? change : d -> change.apply(before.apply(d)));
    return new QueueSettings(
        enabled,
        backend,
        queueDefaults,
        leaseDuration,
        maxStalled,
        stalledInterval,
        shutdownGrace,
        keyPrefix,
        copy,
        source);
  }

  /**
   * One queue's defaults: the global ones, changed by {@link #withQueue}, then by {@code
   * JOBS_QUEUE_<QUEUE>_CONCURRENCY}, {@code _ATTEMPTS}, {@code _BACKOFF_TYPE}, {@code
   * _BACKOFF_DELAY}, {@code _TIMEOUT}, {@code _REMOVE_ON_COMPLETE} and {@code _REMOVE_ON_FAIL}.
   */
  public QueueDefaults forQueue(String queue) {
    QueueDefaults d = queueDefaults;
    UnaryOperator<QueueDefaults> change = queueOverrides.get(queue);
    if (change != null) {
      d = Objects.requireNonNull(change.apply(d), "withQueue(" + queue + ") returned null");
    }
    String p = "JOBS_QUEUE_" + settingName(queue) + "_";
    return new QueueDefaults(
        source.integer(p + "CONCURRENCY", d.concurrency(), 1, 10_000),
        source.integer(p + "ATTEMPTS", d.attempts(), 1, 1000),
        SettingReaders.backoff(source, p + "BACKOFF_TYPE", p + "BACKOFF_DELAY", d.backoff()),
        source.duration(p + "TIMEOUT", d.timeout()),
        SettingReaders.retention(source, p + "REMOVE_ON_COMPLETE", d.removeOnComplete()),
        SettingReaders.retention(source, p + "REMOVE_ON_FAIL", d.removeOnFail()));
  }

  /**
   * How many jobs a queue's worker leases beyond its free slots, so the next job starts as soon as
   * a slot frees instead of a round trip later: {@code JOBS_QUEUE_<QUEUE>_PREFETCH}, else {@code
   * JOBS_PREFETCH}, else half the queue's concurrency (rounded up). Prefetched jobs are leased, and
   * their leases renewed, while they wait; set 0 for long jobs shared by many workers, so no worker
   * holds jobs another could start at once.
   */
  public int prefetch(String queue) {
    int fallback = (forQueue(queue).concurrency() + 1) / 2;
    int global = source.integer("JOBS_PREFETCH", fallback, 0, 10_000);
    return source.integer("JOBS_QUEUE_" + settingName(queue) + "_PREFETCH", global, 0, 10_000);
  }

  /**
   * How many shards a queue is spread over: {@code JOBS_QUEUE_<QUEUE>_SHARDS}, 1 to 64, else {@code
   * fallback} (what the code chose, 1 when it chose nothing). Every process that adds to or
   * consumes the queue must use the same count.
   */
  public int shards(String queue, int fallback) {
    return source.integer("JOBS_QUEUE_" + settingName(queue) + "_SHARDS", fallback, 1, MAX_SHARDS);
  }

  /** The first part of every Redis key when {@code JOBS_KEY_PREFIX} is not set. */
  public static final String DEFAULT_KEY_PREFIX = "errand";

  /** The most shards a queue can have: more than any cluster has masters to spread them over. */
  public static final int MAX_SHARDS = 64;

  /**
   * The operator's rate limit for a queue, {@code JOBS_QUEUE_<QUEUE>_RATE_LIMIT} (e.g. {@code
   * 100/1s}), or {@code fallback} when it is not set.
   */
  public RateLimit rateLimit(String queue, RateLimit fallback) {
    return limit("JOBS_QUEUE_" + settingName(queue) + "_RATE_LIMIT", fallback);
  }

  /**
   * The operator's per-group rate limit for a queue, {@code JOBS_QUEUE_<QUEUE>_GROUP_RATE_LIMIT}
   * (e.g. {@code 10/1s} for each {@link JobOptions#group()}), or {@code fallback}.
   */
  public RateLimit groupRateLimit(String queue, RateLimit fallback) {
    return limit("JOBS_QUEUE_" + settingName(queue) + "_GROUP_RATE_LIMIT", fallback);
  }

  /**
   * How many jobs of a queue may run at once across every process, {@code
   * JOBS_QUEUE_<QUEUE>_MAX_RUNNING}: 0 (no cap, the default) to 100000.
   */
  public int maxRunning(String queue) {
    return source.integer("JOBS_QUEUE_" + settingName(queue) + "_MAX_RUNNING", 0, 0, 100_000);
  }

  /**
   * How many jobs of each {@link JobOptions#group()} of a queue may run at once across every
   * process, {@code JOBS_QUEUE_<QUEUE>_GROUP_MAX_RUNNING}: 0 (no cap, the default) to 100000; 1
   * makes each group a mutex.
   */
  public int groupMaxRunning(String queue) {
    return source.integer("JOBS_QUEUE_" + settingName(queue) + "_GROUP_MAX_RUNNING", 0, 0, 100_000);
  }

  private RateLimit limit(String name, RateLimit fallback) {
    String value = source.get(name).orElse(null);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return RateLimit.parse(value);
    } catch (IllegalArgumentException e) {
      throw new SettingsException(name, value, "COUNT/DURATION, e.g. 100/1s or 5/200ms");
    }
  }

  /** {@code email.high-priority} becomes {@code EMAIL_HIGH_PRIORITY}. */
  public static String settingName(String queue) {
    return queue.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  private static void requirePositive(Duration value, String setting) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new SettingsException(setting, String.valueOf(value), "a positive duration");
    }
  }
}
