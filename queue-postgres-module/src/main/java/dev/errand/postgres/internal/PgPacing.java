package dev.errand.postgres.internal;

import dev.errand.queue.RateLimit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What paces each queue's fetches in this process: its rate limits ({@link PgLimits}) and its
 * concurrency caps ({@link PgCaps}). With both, a fetch takes the jobs the caps let start (a job
 * over its group's cap parked), then counts them against the rate windows (a job over its group's
 * rate delayed to the window's end), all under the lock of the queue's row.
 */
final class PgPacing {

  private final Map<String, PgLimits> limits = new ConcurrentHashMap<>();
  private final Map<String, PgCaps> caps = new ConcurrentHashMap<>();

  PgLimits limits(String queue) {
    return limits.get(queue);
  }

  PgCaps caps(String queue) {
    return caps.get(queue);
  }

  /** Whether the queue has neither rate limits nor caps, so its fetches need no pacing. */
  boolean plain(String queue) {
    return !limits.containsKey(queue) && !caps.containsKey(queue);
  }

  void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    if (perQueue == null && perGroup == null) {
      limits.remove(queue);
    } else {
      limits.put(queue, new PgLimits(perQueue, perGroup));
    }
  }

  void concurrencyCaps(String queue, int maxRunning, int groupMaxRunning) {
    PgCaps capped = new PgCaps(maxRunning, groupMaxRunning);
    if (!capped.any()) {
      caps.remove(queue);
    } else {
      caps.put(queue, capped);
    }
  }

  /** A job of a capped queue ended: idle workers may now start one that waited for its share. */
  void ended(Notices notices, Tables t, String queue) {
    if (caps.containsKey(queue)) {
      notices.wake(t, queue);
    }
  }
}
