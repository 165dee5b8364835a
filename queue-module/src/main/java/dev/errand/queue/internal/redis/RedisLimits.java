package dev.errand.queue.internal.redis;

import dev.errand.queue.RateLimit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each queue's rate limits and concurrency caps, written as the limits argument the fetch script
 * reads ({@code rate-limits}, {@code concurrency-caps}): '' for a queue with none, so the script
 * skips all of it.
 */
final class RedisLimits {

  private static final String NO_RATES = "0:0:0:0";
  private static final String NO_CAPS = "0:0";

  private final Map<String, String> rates = new ConcurrentHashMap<>();
  private final Map<String, String> caps = new ConcurrentHashMap<>();
  private final Map<String, String> written = new ConcurrentHashMap<>();

  void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    rates.put(queue, window(perQueue) + ":" + window(perGroup));
    write(queue);
  }

  void caps(String queue, int maxRunning, int groupMaxRunning) {
    caps.put(queue, maxRunning + ":" + groupMaxRunning);
    write(queue);
  }

  /** The script argument for {@code queue}. */
  String of(String queue) {
    return written.getOrDefault(queue, "");
  }

  private static String window(RateLimit limit) {
    return limit == null ? "0:0" : limit.max() + ":" + limit.per().toMillis();
  }

  private void write(String queue) {
    String rate = rates.getOrDefault(queue, NO_RATES);
    String cap = caps.getOrDefault(queue, NO_CAPS);
    if (rate.equals(NO_RATES) && cap.equals(NO_CAPS)) {
      written.remove(queue);
    } else {
      written.put(queue, rate + ":" + cap);
    }
  }
}
