package dev.errand.testing;

import dev.errand.queue.JobState;
import java.time.Duration;
import java.time.Instant;

/**
 * A job that is enqueued and has not run yet, as {@link ErrandExtension#enqueuedJobs} and {@link
 * ErrandExtension#assertEnqueued} return it.
 *
 * @param id the job's id: the {@code jobId} option when the add gave one
 * @param queue its queue
 * @param name its name
 * @param payload its payload, read from the stored JSON into the job type's class
 * @param state {@link JobState#WAITING} (due) or {@link JobState#DELAYED}
 * @param priority its priority; higher runs first
 * @param addedAt when it was added, on the test's clock
 * @param runAt when it may run: {@code addedAt} unless the add gave a delay or a time
 */
public record EnqueuedJob<T>(
    String id,
    String queue,
    String name,
    T payload,
    JobState state,
    int priority,
    Instant addedAt,
    Instant runAt) {

  /** How long after its add the job may run: zero unless the add gave a delay or a time. */
  public Duration delay() {
    Duration delay = Duration.between(addedAt, runAt);
    return delay.isNegative() ? Duration.ZERO : delay;
  }
}
