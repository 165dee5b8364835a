package dev.errand.postgres.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each queue's refills should promote due jobs and recover expired leases: at most every
 * {@link #EVERY_MILLIS} per queue, so a busy worker's refills spend two statements fewer, and a
 * delayed job or an expired lease waits that much longer at most.
 */
final class PgUpkeep {

  private static final long EVERY_MILLIS = 100;

  private final Map<String, Long> last = new ConcurrentHashMap<>();

  /** A worker's own fetch keeps the queue up, whatever the time. */
  void done(String queue, long now) {
    last.put(queue, now);
  }

  /** Whether a refill at {@code now} should keep the queue up; if so, it counts as done. */
  boolean due(String queue, long now) {
    Long previous = last.get(queue);
    if (previous != null && now - previous < EVERY_MILLIS) {
      return false;
    }
    last.put(queue, now);
    return true;
  }
}
