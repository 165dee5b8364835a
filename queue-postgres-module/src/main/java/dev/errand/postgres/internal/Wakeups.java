package dev.errand.postgres.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Idle workers of this process, per queue, and the wake-ups heard for each queue. Each queue counts
 * its wake-ups; a fetch notes the count it started at, and the next wait ends at once if a wake-up
 * came since, so a change made while the fetch ran is not missed.
 */
final class Wakeups {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  private final Map<String, Long> heard = new ConcurrentHashMap<>();
  private final Map<String, Long> seenByFetch = new ConcurrentHashMap<>();
  private long all;

  /** Notes, as a fetch of {@code queue} begins, the wake-ups heard so far. */
  void fetching(String queue) {
    lock.lock();
    try {
      seenByFetch.put(queue, count(queue));
    } finally {
      lock.unlock();
    }
  }

  void wake(String queue) {
    lock.lock();
    try {
      heard.merge(queue, 1L, Long::sum);
      woken.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void wakeAll() {
    lock.lock();
    try {
      all++;
      woken.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until a wake-up of {@code queue} after its last fetch began, or {@code timeout}. */
  void await(String queue, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      long seen = seenByFetch.getOrDefault(queue, -1L);
      while (count(queue) == seen && nanos > 0) {
        nanos = woken.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }

  private long count(String queue) {
    return heard.getOrDefault(queue, 0L) + all;
  }
}
