package dev.errand.queue.internal.memory;

import dev.errand.queue.MinuteStats;
import dev.errand.queue.internal.history.MinuteTally;
import dev.errand.queue.spi.Ack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The memory backend's per-minute history: one tally per queue and minute, the oldest dropped once
 * past the retention, as the Redis keys expire.
 */
final class MemoryHistory {

  private static final long MINUTE = 60_000;

  private final Clock clock;
  private final Map<String, TreeMap<Long, MinuteTally>> byQueue = new HashMap<>();
  private Duration retention = Duration.ofHours(25);

  MemoryHistory(Clock clock) {
    this.clock = clock;
  }

  synchronized void retention(Duration retention) {
    this.retention = retention;
  }

  /** Counts the acknowledgements that were not refused, in the current minute. */
  synchronized void record(String queue, List<Ack> acks, Set<String> refused) {
    long now = clock.millis();
    TreeMap<Long, MinuteTally> minutes = byQueue.computeIfAbsent(queue, q -> new TreeMap<>());
    MinuteTally tally =
        minutes.computeIfAbsent(now - Math.floorMod(now, MINUTE), m -> new MinuteTally());
    for (Ack ack : acks) {
      if (!refused.contains(ack.id())) {
        tally.count(ack);
      }
    }
    minutes.headMap(now - retention.toMillis()).clear();
  }

  synchronized List<MinuteStats> read(String queue, Instant from, Instant to) {
    TreeMap<Long, MinuteTally> minutes = byQueue.get(queue);
    List<MinuteStats> stats = new ArrayList<>();
    if (minutes == null) {
      return stats;
    }
    long oldest = clock.millis() - retention.toMillis();
    long start = Math.max(oldest, from.toEpochMilli() - Math.floorMod(from.toEpochMilli(), MINUTE));
    minutes
        .subMap(start, true, to.toEpochMilli(), true)
        .forEach(
            (minute, tally) -> {
              if (!tally.isEmpty()) {
                stats.add(tally.stats(Instant.ofEpochMilli(minute)));
              }
            });
    return stats;
  }
}
