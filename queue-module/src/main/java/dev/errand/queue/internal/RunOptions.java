package dev.errand.queue.internal;

import dev.errand.queue.Backoff;
import dev.errand.queue.QueueDefaults;
import dev.errand.queue.Retention;
import java.time.Duration;

/**
 * The options one run goes by: the job's own, else its queue's defaults in the worker's process.
 *
 * @param attempts runs in all
 * @param backoff the delay before a retry
 * @param timeout the limit on one run, or null
 * @param removeOnComplete retention when it completes
 * @param removeOnFail retention when it fails for good
 */
public record RunOptions(
    int attempts,
    Backoff backoff,
    Duration timeout,
    Retention removeOnComplete,
    Retention removeOnFail) {

  static RunOptions of(QueueDefaults d) {
    return new RunOptions(
        d.attempts(), d.backoff(), d.timeout(), d.removeOnComplete(), d.removeOnFail());
  }
}
