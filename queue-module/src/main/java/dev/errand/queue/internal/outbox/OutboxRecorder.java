package dev.errand.queue.internal.outbox;

import dev.errand.queue.OutboxMetrics;
import dev.errand.queue.internal.Percentiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The relay's figures in this process: jobs moved and turns failed since start; the relay delay of
 * the latest {@value #RECENT} jobs moved, of which those of the last {@link #WINDOW} count (an
 * outage an hour ago should not hold p99 up on a quiet outbox); and the table's backlog as the
 * relay last counted it.
 */
final class OutboxRecorder {

  static final int RECENT = 4096;
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final Clock clock;
  private final LongAdder relayed = new LongAdder();
  private final LongAdder failedTurns = new LongAdder();
  private final long[] delayMicros = new long[RECENT];
  private final long[] movedAtMillis = new long[RECENT];
  private int recentCount;
  private int recentNext;
  private volatile Counted counted;

  /** One count of the table: how many rows, the oldest one's age then, and when. */
  private record Counted(long rows, double oldestMillis, Instant at) {}

  OutboxRecorder(Clock clock) {
    this.clock = clock;
  }

  /**
   * {@code rows} reached the queue at {@code sentAt}. Their add times come from the adding
   * process's clock: a delay another process's skew makes negative counts as none.
   */
  void moved(List<OutboxTable.Row> rows, Instant sentAt) {
    relayed.add(rows.size());
    long at = sentAt.toEpochMilli();
    synchronized (this) {
      for (OutboxTable.Row row : rows) {
        delayMicros[recentNext] = Math.max(0, micros(Duration.between(row.addedAt(), sentAt)));
        movedAtMillis[recentNext] = at;
        recentNext = (recentNext + 1) % RECENT;
        recentCount = Math.min(RECENT, recentCount + 1);
      }
    }
  }

  void failedTurn() {
    failedTurns.increment();
  }

  long relayed() {
    return relayed.sum();
  }

  long failedTurns() {
    return failedTurns.sum();
  }

  void counted(OutboxTable.Backlog backlog) {
    Instant now = clock.instant();
    double oldest =
        backlog.oldest() == null
            ? 0
            : Math.max(0, micros(Duration.between(backlog.oldest(), now)) / 1e3);
    counted = new Counted(backlog.rows(), oldest, now);
  }

  OutboxMetrics snapshot() {
    long[] delays = recentDelays();
    Arrays.sort(delays);
    Counted c = counted;
    return new OutboxMetrics(
        relayed.sum(),
        failedTurns.sum(),
        rank(delays, 0.50),
        rank(delays, 0.99),
        delays.length == 0 ? 0 : delays[delays.length - 1] / 1e3,
        c == null ? -1 : c.rows(),
        c == null ? 0 : c.oldestMillis(),
        c == null ? null : c.at());
  }

  /** The delays of the jobs moved within the window, unsorted. */
  private synchronized long[] recentDelays() {
    long since = clock.millis() - WINDOW.toMillis();
    long[] kept = new long[recentCount];
    int n = 0;
    for (int i = 0; i < recentCount; i++) {
      if (movedAtMillis[i] > since) {
        kept[n++] = delayMicros[i];
      }
    }
    return Arrays.copyOf(kept, n);
  }

  /** The nearest-rank percentile {@code p} of the sorted microsecond delays, in milliseconds. */
  private static double rank(long[] sorted, double p) {
    return Percentiles.nearestRank(sorted, p) / 1e3;
  }

  private static long micros(Duration d) {
    return d.toNanos() / 1000;
  }
}
