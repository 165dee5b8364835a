package dev.errand.queue;

import java.time.Duration;

/**
 * A custom retry delay, registered on the {@link QueueAdapter} under a name and chosen per job or
 * per queue with {@link Backoff#custom(String)}.
 */
@FunctionalInterface
public interface BackoffStrategy {

  /**
   * The delay before the next attempt.
   *
   * @param attempt the attempt that just failed, from 1
   * @param error what it failed with
   */
  Duration delay(int attempt, Throwable error);
}
