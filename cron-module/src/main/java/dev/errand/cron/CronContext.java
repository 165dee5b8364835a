package dev.errand.cron;

import java.time.Instant;

/**
 * What a {@link Cron} method may receive about the run it is doing.
 *
 * @param jobId the job's id, {@code SimpleClassName.methodName}
 * @param scheduledAt the tick this run belongs to (the trigger time for a manual run); the same on
 *     every instance, so it suits idempotency keys
 * @param manual whether {@link CronService#trigger} started the run rather than the schedule
 */
public record CronContext(String jobId, Instant scheduledAt, boolean manual) {}
