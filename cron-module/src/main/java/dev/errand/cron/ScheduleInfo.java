package dev.errand.cron;

import java.time.Instant;

/**
 * One runtime schedule as stored, with its state: what a status page or a dashboard shows.
 *
 * @param id the schedule's id
 * @param when its recurrence
 * @param queue the queue its jobs go to
 * @param name the job name
 * @param payload the payload, as the JSON each job carries
 * @param paused whether its ticks are paused
 * @param nextRun the next tick, or null when paused or when no tick is left (end, limit, one-time
 *     done)
 * @param lastRun the latest tick that enqueued a job, or null before the first
 * @param runs how many ticks have enqueued a job, counted against the recurrence's limit
 */
public record ScheduleInfo(
    String id,
    Recurrence when,
    String queue,
    String name,
    String payload,
    boolean paused,
    Instant nextRun,
    Instant lastRun,
    long runs) {}
