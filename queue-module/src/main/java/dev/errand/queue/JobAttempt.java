package dev.errand.queue;

import java.time.Instant;

/**
 * One finished run of a job, as the backend recorded it when the worker reported the outcome. A run
 * cut short because its worker's lease expired (the worker was killed, hung or lost contact) is
 * recorded by the backend that noticed it: from the lease's start to then, with the worker that
 * held it and the failure {@code Stalled}.
 *
 * @param attempt the run's number, from 1
 * @param startedAt when its handler started (a stalled run: when it was leased)
 * @param finishedAt when its handler ended (a stalled run: when its expired lease was noticed)
 * @param worker the process that ran it, as {@code host/pid}; empty when a stalled run's is unknown
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
