package dev.errand.cron;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a job's run history.
 *
 * @param jobId the job's id
 * @param scheduledAt the tick
 * @param startedAt when the run began (for a skipped tick: when it was skipped)
 * @param finishedAt when it ended, or null while running
 * @param status the outcome
 * @param error the failure's exception class and message, or null
 * @param instance the instance that ran or skipped it
 */
public record CronRun(
    String jobId,
    Instant scheduledAt,
    Instant startedAt,
    Instant finishedAt,
    RunStatus status,
    String error,
    String instance) {

  /** How long the run took, when it has finished. */
  public Optional<Duration> duration() {
    return finishedAt == null || status == RunStatus.SKIPPED
        ? Optional.empty()
        : Optional.of(Duration.between(startedAt, finishedAt));
  }
}
