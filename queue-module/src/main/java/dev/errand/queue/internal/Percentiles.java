package dev.errand.queue.internal;

/** Percentiles of recent figures, shared by the queue's and the outbox relay's metrics. */
public final class Percentiles {

  private Percentiles() {}

  /**
   * The nearest-rank percentile {@code p} (0 to 1) of {@code sorted}, in its own unit; 0 when it is
   * empty.
   */
  public static long nearestRank(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int at = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
  }
}
