package dev.errand.cron;

import java.time.Duration;
import java.time.Instant;

/**
 * A job's schedule and its latest run, as the dashboard shows it. Last-run fields come from the
 * shared run history, so they cover every instance; they are null before the first run.
 *
 * @param id {@code SimpleClassName.methodName}
 * @param description from {@link Cron#description()}
 * @param expression the schedule as resolved (after setting references)
 * @param zone the zone the expression follows
 * @param enabled whether the job's ticks run: its per-job setting is on and nobody disabled it
 * @param scheduled whether this process fires its ticks: {@code CRON_ENABLED}, the job's per-job
 *     setting on, and the application started
 * @param nextRun the next tick, or null when disabled
 * @param lastRun the tick of the latest recorded run
 * @param lastDuration how long the latest run took, if it finished
 * @param lastStatus the latest run's status
 * @param lastError the latest run's error
 */
public record CronJobStatus(
    String id,
    String description,
    String expression,
    String zone,
    boolean enabled,
    boolean scheduled,
    Instant nextRun,
    Instant lastRun,
    Duration lastDuration,
    RunStatus lastStatus,
    String lastError) {}
