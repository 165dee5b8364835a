package dev.errand.queue;

import java.time.Duration;

/**
 * How many finished jobs a queue keeps, and for how long: the {@code removeOnComplete} and {@code
 * removeOnFail} options. Older records are removed as new ones finish, so storage stays bounded.
 *
 * @param maxCount the most records kept, or -1 for no limit
 * @param maxAge the oldest record kept, or null for no limit
 */
public record Retention(long maxCount, Duration maxAge) {

  public Retention {
    if (maxCount < -1) {
      throw new IllegalArgumentException("Retention count must be -1 (no limit) or more");
    }
    if (maxAge != null && maxAge.isNegative()) {
      throw new IllegalArgumentException("Retention age must not be negative");
    }
  }

  /** Remove a job as soon as it finishes. */
  public static Retention none() {
    return new Retention(0, null);
  }

  /** Keep every finished job. */
  public static Retention keepAll() {
    return new Retention(-1, null);
  }

  /** Keep the most recent {@code count} finished jobs. */
  public static Retention keepLast(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("keepLast takes 0 or more, not " + count);
    }
    return new Retention(count, null);
  }

  /** Keep finished jobs for {@code age} after they finish. */
  public static Retention keepFor(Duration age) {
    return new Retention(-1, age);
  }

  /** Whether nothing is kept at all. */
  public boolean keepsNothing() {
    return maxCount == 0 || (maxAge != null && maxAge.isZero());
  }
}
