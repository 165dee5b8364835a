package dev.errand.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-job options. Anything left unset falls back to the queue's defaults, then to the settings.
 *
 * <pre>{@code
 * JobOptions.builder()
 *     .jobId("invoice-" + invoiceId)      // adding again while it exists adds nothing
 *     .delay(Duration.ofMinutes(5))
 *     .priority(10)                      // higher runs first
 *     .attempts(5)
 *     .backoff(Backoff.exponential(Duration.ofSeconds(1), 0.2))
 *     .timeout(Duration.ofSeconds(30))
 *     .removeOnComplete(Retention.keepLast(100))
 *     .metadata("tenant", tenantId)      // stored with the job, read through JobContext
 *     .build();
 * }</pre>
 */
public final class JobOptions {

  /** The lowest priority a job may have. */
  public static final int MIN_PRIORITY = -1000;

  /** The highest priority a job may have. */
  public static final int MAX_PRIORITY = 1000;

  /** The most metadata entries a job may carry. */
  public static final int MAX_METADATA_ENTRIES = 32;

  /** The longest a metadata key may be, in characters. */
  public static final int MAX_METADATA_KEY_CHARS = 64;

  /** The longest a metadata value may be, in characters. */
  public static final int MAX_METADATA_VALUE_CHARS = 1024;

  private static final JobOptions DEFAULTS = new Builder().build();

  private final String jobId;
  private final Duration delay;
  private final Instant runAt;
  private final int priority;
  private final Integer attempts;
  private final Backoff backoff;
  private final Duration timeout;
  private final Retention removeOnComplete;
  private final Retention removeOnFail;
  private final String group;
  private final Map<String, String> metadata;
  private final Deduplication deduplication;

  private JobOptions(Builder b) {
    this.deduplication = b.deduplication;
    this.group = b.group;
    this.metadata =
        b.metadata.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    this.jobId = b.jobId;
    this.delay = b.delay;
    this.runAt = b.runAt;
    this.priority = b.priority;
    this.attempts = b.attempts;
    this.backoff = b.backoff;
    this.timeout = b.timeout;
    this.removeOnComplete = b.removeOnComplete;
    this.removeOnFail = b.removeOnFail;
  }

  /** No options: every value comes from the queue's defaults. */
  public static JobOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.jobId = jobId;
    b.delay = delay;
    b.runAt = runAt;
    b.priority = priority;
    b.attempts = attempts;
    b.backoff = backoff;
    b.timeout = timeout;
    b.removeOnComplete = removeOnComplete;
    b.removeOnFail = removeOnFail;
    b.group = group;
    b.metadata.putAll(metadata);
    b.deduplication = deduplication;
    return b;
  }

  /** How adds of the same key are deduplicated, if they are. */
  public Optional<Deduplication> deduplication() {
    return Optional.ofNullable(deduplication);
  }

  /**
   * Strings stored with the job and handed to its handler ({@link JobContext#metadata()}) and to
   * interceptors, such as a tenant, a request id or trace context; empty when none were set.
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The rate-limit group the job counts against, such as a tenant or a mail domain. */
  public Optional<String> group() {
    return Optional.ofNullable(group);
  }

  public Optional<String> jobId() {
    return Optional.ofNullable(jobId);
  }

  public Optional<Duration> delay() {
    return Optional.ofNullable(delay);
  }

  public Optional<Instant> runAt() {
    return Optional.ofNullable(runAt);
  }

  /** From {@link #MIN_PRIORITY} to {@link #MAX_PRIORITY}; higher runs first; default 0. */
  public int priority() {
    return priority;
  }

  public Optional<Integer> attempts() {
    return Optional.ofNullable(attempts);
  }

  public Optional<Backoff> backoff() {
    return Optional.ofNullable(backoff);
  }

  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  public Optional<Retention> removeOnComplete() {
    return Optional.ofNullable(removeOnComplete);
  }

  public Optional<Retention> removeOnFail() {
    return Optional.ofNullable(removeOnFail);
  }

  /** Builds {@link JobOptions}, checking each value as it is set. */
  public static final class Builder {
    private String jobId;
    private Duration delay;
    private Instant runAt;
    private int priority;
    private Integer attempts;
    private Backoff backoff;
    private Duration timeout;
    private Retention removeOnComplete;
    private Retention removeOnFail;
    private String group;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Deduplication deduplication;

    private Builder() {}

    /**
     * Deduplicates adds of {@code deduplication}'s key: see {@link Deduplication}. A debounced job
     * starts its window after the latest add, so it takes no delay or runAt; and a jobId makes an
     * add idempotent already, so it takes no deduplication.
     */
    public Builder deduplicate(Deduplication deduplication) {
      if (deduplication == null) {
        throw new IllegalArgumentException("deduplication must not be null");
      }
      this.deduplication = deduplication;
      return this;
    }

    /**
     * Stores {@code value} under {@code key} with the job, replacing an earlier value of the key.
     * Keys are 1 to {@value #MAX_METADATA_KEY_CHARS} letters, digits, '.', '_' or '-'; values at
     * most {@value #MAX_METADATA_VALUE_CHARS} characters; a job carries at most {@value
     * #MAX_METADATA_ENTRIES} entries.
     */
    public Builder metadata(String key, String value) {
      OptionRules.checkMetadata(metadata, key, value);
      metadata.put(key, value);
      return this;
    }

    /** Stores each entry of {@code entries} as {@link #metadata(String, String)} does. */
    public Builder metadata(Map<String, String> entries) {
      if (entries == null) {
        throw new IllegalArgumentException("metadata must not be null");
      }
      entries.forEach(this::metadata);
      return this;
    }

    /**
     * Counts the job against its queue's per-group rate limit ({@link QueueAdapter#groupRateLimit}
     * or {@code JOBS_QUEUE_<QUEUE>_GROUP_RATE_LIMIT}) under this key, e.g. "tenant-1".
     */
    public Builder group(String group) {
      if (group == null || group.isBlank()) {
        throw new IllegalArgumentException("A rate-limit group must not be blank");
      }
      this.group = group;
      return this;
    }

    /**
     * Makes the add idempotent: while a job with this id exists in the queue, adding another
     * returns this id and adds nothing. Must not be a plain number, since generated ids are.
     */
    public Builder jobId(String jobId) {
      this.jobId = OptionRules.checkJobId(jobId);
      return this;
    }

    /** Runs the job no sooner than {@code delay} from now. */
    public Builder delay(Duration delay) {
      if (delay == null || delay.isNegative()) {
        throw new IllegalArgumentException("A job delay must be zero or more, not " + delay);
      }
      this.delay = delay;
      this.runAt = null;
      return this;
    }

    /** Runs the job no sooner than {@code runAt}. */
    public Builder runAt(Instant runAt) {
      if (runAt == null) {
        throw new IllegalArgumentException("runAt must not be null");
      }
      this.runAt = runAt;
      this.delay = null;
      return this;
    }

    /** Higher runs first; jobs of one priority run in the order they were added. */
    public Builder priority(int priority) {
      if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
        throw new IllegalArgumentException(
            "Priority " + priority + " is outside " + MIN_PRIORITY + ".." + MAX_PRIORITY);
      }
      this.priority = priority;
      return this;
    }

    /** How many times the job may run in all, the first run included. */
    public Builder attempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be 1 or more, not " + attempts);
      }
      this.attempts = attempts;
      return this;
    }

    public Builder backoff(Backoff backoff) {
      if (backoff == null) {
        throw new IllegalArgumentException("backoff must not be null");
      }
      this.backoff = backoff;
      return this;
    }

    /** How long one attempt may run before its handler is interrupted and the attempt fails. */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("A job timeout must be positive, not " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder removeOnComplete(Retention retention) {
      if (retention == null) {
        throw new IllegalArgumentException("removeOnComplete must not be null");
      }
      this.removeOnComplete = retention;
      return this;
    }

    public Builder removeOnFail(Retention retention) {
      if (retention == null) {
        throw new IllegalArgumentException("removeOnFail must not be null");
      }
      this.removeOnFail = retention;
      return this;
    }

    public JobOptions build() {
      if (deduplication != null && jobId != null) {
        throw new IllegalArgumentException(
            "jobId '"
                + jobId
                + "' already makes the add idempotent: use jobId or deduplicate,"
                + " not both");
      }
      if (deduplication != null
          && deduplication.mode() == Deduplication.Mode.DEBOUNCE
          && (delay != null || runAt != null)) {
        throw new IllegalArgumentException(
            "A debounced job runs its window after the latest add: drop its delay or runAt");
      }
      return new JobOptions(this);
    }
  }
}
