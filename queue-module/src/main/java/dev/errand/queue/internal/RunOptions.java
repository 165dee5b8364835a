package dev.errand.queue.internal;

import dev.errand.queue.Backoff;
import dev.errand.queue.QueueDefaults;
import dev.errand.queue.Retention;
import java.time.Duration;
import java.util.Map;

/**
 * The options one run goes by: the job's own, else its queue's defaults in the worker's process.
 *
 * @param attempts runs in all
 * @param backoff the delay before a retry
 * @param timeout the limit on one run, or null
 * @param removeOnComplete retention when it completes
 * @param removeOnFail retention when it fails for good
 * @param metadata what the job carries for its handler and interceptors, empty for none
 */
public record RunOptions(
    int attempts,
    Backoff backoff,
    Duration timeout,
    Retention removeOnComplete,
    Retention removeOnFail,
    Map<String, String> metadata) {

  public RunOptions(
      int attempts,
      Backoff backoff,
      Duration timeout,
      Retention removeOnComplete,
      Retention removeOnFail) {
    this(attempts, backoff, timeout, removeOnComplete, removeOnFail, Map.of());
  }

  static RunOptions of(QueueDefaults d) {
    return new RunOptions(
        d.attempts(), d.backoff(), d.timeout(), d.removeOnComplete(), d.removeOnFail());
  }
}
