package dev.errand.postgres.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each queue's fetches should promote due delayed jobs and recover expired leases: at most
 * every {@link #EVERY_MILLIS} per queue, so a busy worker's refills and an idle worker's fetches
 * spend those statements less often, or at once when a fetch saw something fall due ({@link #owe}).
 */
final class PgUpkeep {

  private static final long EVERY_MILLIS = 100;

  private final Map<String, Long> last = new ConcurrentHashMap<>();

  /** A fetch at {@code now} kept the queue up if {@code keptUp}. */
  void done(String queue, long now, boolean keptUp) {
    if (keptUp) {
      last.put(queue, now);
    }
  }

  /** Whether a fetch at {@code now} should keep the queue up; if so, it counts as done. */
  boolean due(String queue, long now) {
    Long previous = last.get(queue);
    if (previous != null && now - previous < EVERY_MILLIS) {
      return false;
    }
    last.put(queue, now);
    return true;
  }

  /**
   * A fetch that skipped the upkeep saw a delayed job or a lease fall due: the next one keeps up.
   */
  void owe(String queue) {
    last.remove(queue);
  }
}
