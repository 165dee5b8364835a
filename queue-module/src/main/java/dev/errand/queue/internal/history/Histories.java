package dev.errand.queue.internal.history;

import dev.errand.queue.MinuteStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/** Adds up the histories of several physical queues (the shards of one), minute by minute. */
public final class Histories {

  private Histories() {}

  public static List<MinuteStats> sum(Collection<List<MinuteStats>> histories) {
    TreeMap<Instant, MinuteStats> byMinute = new TreeMap<>();
    for (List<MinuteStats> history : histories) {
      for (MinuteStats m : history) {
        byMinute.merge(m.minute(), m, Histories::plus);
      }
    }
    return new ArrayList<>(byMinute.values());
  }

  public static MinuteStats plus(MinuteStats a, MinuteStats b) {
    return new MinuteStats(
        a.minute(),
        a.processed() + b.processed(),
        a.failed() + b.failed(),
        a.latency().plus(b.latency()));
  }
}
