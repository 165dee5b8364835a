package dev.errand.cron.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A runtime schedule as a {@link ScheduleStore} keeps it.
 *
 * @param id the schedule's id
 * @param definition what to run and when, as text the store keeps but never reads
 * @param paused whether its ticks are paused
 * @param nextRun its next tick, or null (paused, or none left)
 * @param lastRun the latest tick that enqueued a job, or null
 * @param runs how many ticks enqueued a job
 */
public record StoredSchedule(
    String id, String definition, boolean paused, Instant nextRun, Instant lastRun, long runs) {

  public StoredSchedule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(definition, "definition");
  }
}
