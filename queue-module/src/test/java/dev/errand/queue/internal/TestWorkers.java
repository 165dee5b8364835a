package dev.errand.queue.internal;

import dev.errand.queue.Backoff;
import dev.errand.queue.QueueDefaults;
import dev.errand.queue.Retention;
import java.time.Duration;

/** What the worker tests configure alike. */
final class TestWorkers {

  private TestWorkers() {}

  /** One attempt per job, no prefetch, long leases and a one-second grace. */
  static WorkerConfig config(int concurrency) {
    QueueDefaults defaults =
        new QueueDefaults(
            concurrency,
            1,
            Backoff.fixed(Duration.ofSeconds(1)),
            null,
            Retention.keepAll(),
            Retention.keepAll());
    return new WorkerConfig(
        defaults,
        0,
        Duration.ofSeconds(30),
        1,
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofMinutes(2),
        OutcomeLog.FAILURES);
  }
}
