package dev.errand.queue.internal.memory;

import dev.errand.queue.RateLimit;
import java.util.HashMap;
import java.util.Map;

/**
 * A memory queue's rate limits, in fixed windows that start with the first job of each, as the
 * Redis scripts count them. Its queue's lock guards it.
 */
final class MemoryLimiter {

  private RateLimit perQueue;
  private RateLimit perGroup;
  private long windowStart;
  private long windowCount;
  private long limitedUntil;
  private final Map<String, long[]> groups = new HashMap<>();

  void configure(RateLimit perQueue, RateLimit perGroup) {
    this.perQueue = perQueue;
    this.perGroup = perGroup;
  }

  /** How many of {@code max} jobs the queue's limit lets start now. */
  int allowance(long now, int max) {
    if (perQueue == null) {
      return max;
    }
    // A window that ended counts as empty; the next one starts with its first job (took), not
    // with a fetch that found nothing, as the Redis scripts count.
    long counted = now >= windowStart + perQueue.per().toMillis() ? 0 : windowCount;
    long left = perQueue.max() - counted;
    if (left <= 0) {
      limitedUntil = windowStart + perQueue.per().toMillis();
      return 0;
    }
    return (int) Math.min(max, left);
  }

  /** Counts one started job against the queue's window. */
  void took(long now) {
    if (perQueue != null) {
      if (now >= windowStart + perQueue.per().toMillis()) {
        windowStart = now;
        windowCount = 0;
      }
      windowCount++;
      if (windowCount >= perQueue.max()) {
        limitedUntil = windowStart + perQueue.per().toMillis();
      }
    }
  }

  /**
   * Counts a job of {@code group} against its group's window.
   *
   * @return 0 when it may start, else when the group's window ends
   */
  long takeGroup(String group, long now) {
    if (perGroup == null || group == null) {
      return 0;
    }
    if (groups.size() > 10_000) {
      // Forget the windows that ended, so many short-lived groups do not pile up.
      groups.values().removeIf(w -> now >= w[0] + perGroup.per().toMillis());
    }
    long[] window = groups.computeIfAbsent(group, g -> new long[2]);
    if (now >= window[0] + perGroup.per().toMillis()) {
      window[0] = now;
      window[1] = 0;
    }
    if (window[1] >= perGroup.max()) {
      return window[0] + perGroup.per().toMillis();
    }
    window[1]++;
    return 0;
  }

  boolean limited(long now) {
    return now < limitedUntil;
  }

  /** The earlier of the next delayed job and the end of the queue's full window. */
  Long earliest(Long nextDelayed, long now) {
    if (!limited(now)) {
      return nextDelayed;
    }
    return nextDelayed == null ? limitedUntil : Math.min(nextDelayed, limitedUntil);
  }
}
