package dev.errand.cron;

import java.time.Duration;

/**
 * Counts of the runs this process executed since it started.
 *
 * @param runs finished runs (successes plus failures)
 * @param successes runs that returned normally
 * @param failures runs that threw
 * @param skipped ticks skipped because the previous run was still going
 * @param meanDuration the mean duration of finished runs, zero before the first
 */
public record CronTotals(
    long runs, long successes, long failures, long skipped, Duration meanDuration) {}
