package dev.errand.queue.internal;

import dev.errand.queue.QueueDefaults;
import dev.errand.queue.QueueSettings;
import java.time.Duration;

/**
 * What one queue's worker runs by.
 *
 * @param defaults the queue's defaults (concurrency among them)
 * @param prefetch how many jobs are leased beyond the free slots
 * @param leaseDuration how long a lease lasts between renewals
 * @param maxStalled lease expiries a job survives
 * @param stalledInterval the longest idle wait while something in the queue will fall due
 * @param shutdownGrace how long stopping waits for running jobs
 * @param idleCheckInterval the longest idle wait when nothing will fall due
 * @param outcomeLog which job outcomes the worker logs
 */
public record WorkerConfig(
    QueueDefaults defaults,
    int prefetch,
    Duration leaseDuration,
    int maxStalled,
    Duration stalledInterval,
    Duration shutdownGrace,
    Duration idleCheckInterval,
    OutcomeLog outcomeLog) {

  public static WorkerConfig of(QueueSettings settings, String queue) {
    return new WorkerConfig(
        settings.forQueue(queue),
        settings.prefetch(queue),
        settings.leaseDuration(),
        settings.maxStalled(),
        settings.stalledInterval(),
        settings.shutdownGrace(),
        settings.idleCheckInterval(),
        settings
            .source()
            .choice(
                "JOBS_QUEUE_" + QueueSettings.settingName(queue) + "_OUTCOME_LOG",
                OutcomeLog.class,
                settings
                    .source()
                    .choice("JOBS_OUTCOME_LOG", OutcomeLog.class, OutcomeLog.FAILURES)));
  }
}
