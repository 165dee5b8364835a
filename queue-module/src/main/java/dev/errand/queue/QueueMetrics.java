package dev.errand.queue;

/**
 * How this process's worker for one queue has been doing since it started. Each process measures
 * the runs it did itself; add the figures of every process for the whole picture.
 *
 * @param queue the queue
 * @param completed runs that succeeded
 * @param failed runs that failed, retried ones included
 * @param inFlight jobs running now
 * @param meanMillis mean handler time of the recent runs
 * @param p50Millis median handler time of the recent runs
 * @param p95Millis 95th percentile of the recent runs' handler time
 * @param p99Millis 99th percentile of the recent runs' handler time
 * @param perSecondLastMinute finished runs per second over the last minute
 */
public record QueueMetrics(
    String queue,
    long completed,
    long failed,
    int inFlight,
    double meanMillis,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    double perSecondLastMinute) {

  /** The figures of a queue this process runs no worker for. */
  public static QueueMetrics none(String queue) {
    return new QueueMetrics(queue, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
