package dev.errand.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * The options a queue's jobs get when they set none of their own, and how many run at once.
 *
 * @param concurrency how many jobs of the queue one process runs at once
 * @param attempts how many runs a job gets in all
 * @param backoff the delay before each retry
 * @param timeout how long one run may take, or null for no limit
 * @param removeOnComplete how many completed jobs are kept
 * @param removeOnFail how many failed and dead jobs are kept
 */
public record QueueDefaults(
    int concurrency,
    int attempts,
    Backoff backoff,
    Duration timeout,
    Retention removeOnComplete,
    Retention removeOnFail) {

  public QueueDefaults {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be 1 or more, not " + concurrency);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be 1 or more, not " + attempts);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(removeOnComplete, "removeOnComplete");
    Objects.requireNonNull(removeOnFail, "removeOnFail");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("A timeout must be positive, not " + timeout);
    }
  }

  public QueueDefaults withConcurrency(int concurrency) {
    return new QueueDefaults(
        concurrency, attempts, backoff, timeout, removeOnComplete, removeOnFail);
  }

  public QueueDefaults withAttempts(int attempts) {
    return new QueueDefaults(
        concurrency, attempts, backoff, timeout, removeOnComplete, removeOnFail);
  }

  public QueueDefaults withBackoff(Backoff backoff) {
    return new QueueDefaults(
        concurrency, attempts, backoff, timeout, removeOnComplete, removeOnFail);
  }

  public QueueDefaults withTimeout(Duration timeout) {
    return new QueueDefaults(
        concurrency, attempts, backoff, timeout, removeOnComplete, removeOnFail);
  }

  public QueueDefaults withRemoveOnComplete(Retention removeOnComplete) {
    return new QueueDefaults(
        concurrency, attempts, backoff, timeout, removeOnComplete, removeOnFail);
  }

  public QueueDefaults withRemoveOnFail(Retention removeOnFail) {
    return new QueueDefaults(
        concurrency, attempts, backoff, timeout, removeOnComplete, removeOnFail);
  }
}
