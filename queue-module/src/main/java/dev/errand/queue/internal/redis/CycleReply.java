package dev.errand.queue.internal.redis;

import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.LeasedJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads what {@code cycle.lua} returns: time to the next due job, refused ids, then jobs. */
final class CycleReply {

  private CycleReply() {}

  static Fetched parse(List<Object> reply, Instant now) {
    String next = String.valueOf(reply.get(0));
    int refusedCount = ((Number) reply.get(1)).intValue();
    Set<String> refused = new HashSet<>();
    for (int i = 2; i < 2 + refusedCount; i++) {
      refused.add(String.valueOf(reply.get(i)));
    }
    int first = 2 + refusedCount;
    List<LeasedJob> jobs = new ArrayList<>((reply.size() - first) / 5);
    for (int i = first; i + 4 < reply.size(); i += 5) {
      String options = (String) reply.get(i + 3);
      jobs.add(
          new LeasedJob(
              (String) reply.get(i),
              (String) reply.get(i + 1),
              (String) reply.get(i + 2),
              options.isEmpty() ? null : options,
              ((Number) reply.get(i + 4)).intValue()));
    }
    Instant nextDelayed = next.isEmpty() ? null : now.plusMillis(RedisBackend.millis(next));
    return new Fetched(jobs, nextDelayed, refused);
  }
}
