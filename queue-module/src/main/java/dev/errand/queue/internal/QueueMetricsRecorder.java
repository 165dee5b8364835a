package dev.errand.queue.internal;

import dev.errand.queue.QueueMetrics;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Counts one queue's finished runs in this process and keeps the handler times of the latest
 * {@value #RECENT} runs for percentiles, and per-second counts for the last minute.
 */
public final class QueueMetricsRecorder {

  private static final int RECENT = 4096;
  private static final int WINDOW_SECONDS = 60;

  private final String queue;
  private final Clock clock;
  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final long[] recent = new long[RECENT];
  private final long[] secondStamp = new long[WINDOW_SECONDS];
  private final long[] secondCount = new long[WINDOW_SECONDS];
  private int recentCount;
  private int recentNext;
  private volatile IntSupplier inFlight = () -> 0;

  public QueueMetricsRecorder(String queue, Clock clock) {
    this.queue = queue;
    this.clock = clock;
  }

  /** Where the number of running jobs comes from. */
  public void inFlight(IntSupplier source) {
    this.inFlight = source;
  }

  /** Records one finished run. */
  void finished(boolean succeeded, long runNanos) {
    (succeeded ? completed : failed).increment();
    long second = clock.millis() / 1000;
    synchronized (this) {
      recent[recentNext] = runNanos;
      recentNext = (recentNext + 1) % RECENT;
      recentCount = Math.min(RECENT, recentCount + 1);
      int slot = (int) (second % WINDOW_SECONDS);
      if (secondStamp[slot] != second) {
        secondStamp[slot] = second;
        secondCount[slot] = 0;
      }
      secondCount[slot]++;
    }
  }

  public QueueMetrics snapshot() {
    long[] times;
    long lastMinute = 0;
    long now = clock.millis() / 1000;
    synchronized (this) {
      times = Arrays.copyOf(recent, recentCount);
      for (int i = 0; i < WINDOW_SECONDS; i++) {
        if (now - secondStamp[i] < WINDOW_SECONDS) {
          lastMinute += secondCount[i];
        }
      }
    }
    Arrays.sort(times);
    double mean = times.length == 0 ? 0 : Arrays.stream(times).average().orElse(0) / 1e6;
    return new QueueMetrics(
        queue,
        completed.sum(),
        failed.sum(),
        inFlight.getAsInt(),
        mean,
        percentile(times, 0.50),
        percentile(times, 0.95),
        percentile(times, 0.99),
        lastMinute / (double) WINDOW_SECONDS);
  }

  /** A percentile of the sorted nanosecond times, in milliseconds. */
  private static double percentile(long[] sorted, double p) {
    return Percentiles.nearestRank(sorted, p) / 1e6;
  }
}
