package dev.errand.queue;

import java.time.Instant;

/**
 * One finished run of a job, as the backend recorded it when the worker reported the outcome. A run
 * cut short by a dead worker (a stall) left no outcome and has no entry.
 *
 * @param attempt the run's number, from 1
 * @param startedAt when its handler started
 * @param finishedAt when its handler ended
 * @param worker the process that ran it, as {@code host/pid}
 * @param durationMs how long the handler ran, in milliseconds
 * @param failure why it failed, or null when it completed
 */
public record JobAttempt(
    int attempt,
    Instant startedAt,
    Instant finishedAt,
    String worker,
    long durationMs,
    JobFailure failure) {}
