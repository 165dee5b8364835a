package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.type.TypeFactory;
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

  /**
   * A handler of job {@code name} in {@code queue}: {@code target}'s public method of that name,
   * which takes a String payload.
   */
  static JobHandler stringHandler(String queue, String name, Object target) {
    JobHandler handler;
    try {
      handler =
          new JobHandler(
              queue,
              name,
              target.getClass(),
              target.getClass().getMethod(name, String.class),
              TypeFactory.defaultInstance().constructType(String.class),
              false);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
    handler.bind(target);
    return handler;
  }
}
