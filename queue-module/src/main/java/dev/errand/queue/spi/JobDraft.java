package dev.errand.queue.spi;

import dev.errand.queue.Deduplication;
import java.time.Instant;

/**
 * A job about to be stored, its payload already written as JSON.
 *
 * @param name the job name
 * @param payload the payload as JSON
 * @param options the job's own options as JSON for the worker, or null when it has none
 * @param jobId the caller's id for an idempotent add, or null to generate one
 * @param priority higher runs first
 * @param runAt when it may run, or null for now
 * @param group the rate-limit group it counts against, or null
 * @param deduplication how adds of its key are deduplicated, or null; a debounced draft's {@code
 *     runAt} is its window's end
 */
public record JobDraft(
    String name,
    String payload,
    String options,
    String jobId,
    int priority,
    Instant runAt,
    String group,
    Deduplication deduplication) {

  /** Whether this job may run at {@code epochMillis}: it has no run time, or that time has come. */
  public boolean dueBy(long epochMillis) {
    return runAt == null || runAt.toEpochMilli() <= epochMillis;
  }

  /** A draft without deduplication. */
  public JobDraft(
      String name,
      String payload,
      String options,
      String jobId,
      int priority,
      Instant runAt,
      String group) {
    this(name, payload, options, jobId, priority, runAt, group, null);
  }

  /** A draft outside any rate-limit group. */
  public JobDraft(
      String name, String payload, String options, String jobId, int priority, Instant runAt) {
    this(name, payload, options, jobId, priority, runAt, null);
  }
}
