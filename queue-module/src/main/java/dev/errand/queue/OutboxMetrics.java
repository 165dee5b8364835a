package dev.errand.queue;

import java.time.Instant;

/**
 * How this process's outbox relay has been doing ({@code JOBS_OUTBOX=true} on the redis or memory
 * backend), from {@link QueueAdmin#outboxMetrics()}. Each process counts what its own relay moved;
 * the backlog is the whole table's, the same figure in every process.
 *
 * @param relayed jobs this process's relay moved from the outbox table to the queue since it
 *     started
 * @param failedTurns relay turns that failed since it started (the table or the queue could not be
 *     reached); the relay tries again, the rows wait
 * @param delayP50Millis median relay delay of the jobs moved in the last minute (of the latest
 *     4,096 of them): from the add in the application's transaction to the job's add to the queue,
 *     so a transaction that stays open long after its add shows as delay too
 * @param delayP99Millis 99th percentile of the same delays
 * @param delayMaxMillis the longest of the same delays
 * @param waiting rows in the outbox table when the relay last counted them (every process's rows),
 *     -1 before its first count
 * @param oldestWaitingMillis how long the oldest of those rows had been waiting then, 0 when none
 * @param measuredAt when the relay last counted the rows (at most every 5 seconds, so a scrape
 *     costs no query), null before its first count
 */
public record OutboxMetrics(
    long relayed,
    long failedTurns,
    double delayP50Millis,
    double delayP99Millis,
    double delayMaxMillis,
    long waiting,
    double oldestWaitingMillis,
    Instant measuredAt) {}
