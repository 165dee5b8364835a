package dev.errand.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a failed job waits before its next attempt.
 *
 * <ul>
 *   <li>{@link #fixed}: the same delay before every retry;
 *   <li>{@link #exponential}: the delay doubles with each attempt (delay, 2×delay, 4×delay...),
 *       optionally shortened by a random jitter so retries of many jobs spread out;
 *   <li>{@link #custom}: a {@link BackoffStrategy} registered by name on the {@link QueueAdapter},
 *       so that jobs stored in Redis can name it and any worker process can apply it.
 * </ul>
 */
public sealed interface Backoff {

  static Backoff fixed(Duration delay) {
    return new Fixed(delay);
  }

  static Backoff exponential(Duration initialDelay) {
    return new Exponential(initialDelay, 0);
  }

  /**
   * Exponential backoff with jitter: each delay is shortened by a random fraction up to {@code
   * jitter} (0 to 1).
   */
  static Backoff exponential(Duration initialDelay, double jitter) {
    return new Exponential(initialDelay, jitter);
  }

  /** The strategy registered under {@code name} with {@link QueueAdapter#backoffStrategy}. */
  static Backoff custom(String name) {
    return new Custom(name);
  }

  /** The same delay before every retry. */
  record Fixed(Duration delay) implements Backoff {
    public Fixed {
      checkDelay(delay);
    }
  }

  /** A delay doubling with each attempt, less a random jitter fraction. */
  record Exponential(Duration initialDelay, double jitter) implements Backoff {
    public Exponential {
      checkDelay(initialDelay);
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new IllegalArgumentException("Backoff jitter must be from 0 to 1, not " + jitter);
      }
    }
  }

  /** A named strategy, applied by the worker that runs the job. */
  record Custom(String name) implements Backoff {
    public Custom {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("A custom backoff needs a strategy name");
      }
    }
  }

  private static void checkDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("A backoff delay must not be negative: " + delay);
    }
  }
}
