package dev.errand.queue;

import java.time.Duration;

/**
 * Thrown by a handler (or by {@link JobContext#snooze}) to put its job back for later without
 * counting the run as an attempt or a failure: the job waits, delayed, for {@link #delay()}, then
 * runs again with the same attempt number. For work that cannot go on yet, such as a resource that
 * is not ready, where retrying on the backoff would use up the job's attempts.
 */
public class SnoozeJobException extends RuntimeException {

  /** The longest a job may snooze at once. */
  public static final Duration MAX_DELAY = Duration.ofDays(365);

  private final Duration delay;

  /** Snoozes the job for {@code delay}, from zero (back to waiting at once) to a year. */
  public SnoozeJobException(Duration delay) {
    super("Snoozed for " + checked(delay).toMillis() + " ms", null, false, false);
    this.delay = delay;
  }

  /** How long the job waits before it runs again. */
  public Duration delay() {
    return delay;
  }

  private static Duration checked(Duration delay) {
    if (delay == null || delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          "A job may snooze from 0 ms to " + MAX_DELAY.toDays() + " days, not " + delay);
    }
    return delay;
  }
}
