package dev.errand.queue.internal.history;

import dev.errand.queue.LatencySketch;
import dev.errand.queue.MinuteStats;
import dev.errand.queue.spi.Ack;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One queue's counts for one minute while they are being added to: what backends without a store of
 * their own (memory) keep, and what the others build from a batch of acknowledgements before
 * writing it in one go.
 */
public final class MinuteTally {

  private long processed;
  private long failed;
  private final Map<Integer, Long> buckets = new HashMap<>();

  /** Counts {@code ack} unless it is a snooze, which neither ends nor fails a run. */
  public void count(Ack ack) {
    if (ack instanceof Ack.Snooze) {
      return;
    }
    processed++;
    if (!(ack instanceof Ack.Complete)) {
      failed++;
    }
    if (ack.run() != null) {
      buckets.merge(LatencySketch.bucketOf(ack.run().took()), 1L, Long::sum);
    }
  }

  public boolean isEmpty() {
    return processed == 0;
  }

  public long processed() {
    return processed;
  }

  public long failed() {
    return failed;
  }

  /** Bucket index to count. */
  public Map<Integer, Long> buckets() {
    return buckets;
  }

  public MinuteStats stats(Instant minute) {
    return new MinuteStats(minute, processed, failed, LatencySketch.of(buckets));
  }
}
