package dev.errand.queue;

import java.time.Instant;

/**
 * What one queue's workers, in every process, finished in one minute.
 *
 * @param minute the minute's start (UTC, whole minute)
 * @param processed the runs that ended, completed or failed (a snooze is not counted)
 * @param failed the runs among them that failed, retried or not
 * @param latency how long the handlers of those runs took
 */
public record MinuteStats(Instant minute, long processed, long failed, LatencySketch latency) {}
